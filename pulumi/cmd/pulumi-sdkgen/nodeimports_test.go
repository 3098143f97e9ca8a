package main

import "testing"

func TestFixNestedImports(t *testing.T) {
	files := map[string][]byte{
		"utilities.ts":     []byte(`export const x = 1;`),
		"index.ts":         []byte(`import * as utilities from "./utilities";`),
		"config/vars.ts":   []byte(`import * as utilities from "./utilities";` + "\n" + `const v = require("./index");`),
		"config/index.ts":  []byte(`export * from "./vars";`),
		"types/input.ts":   []byte(`import * as inputs from "./types/input";` + "\n" + `import * as outputs from "./types/output";`),
		"types/output.ts":  []byte(`import * as u from "../utilities";`),
		"types/index.ts":   []byte(`import * as input from "./input";`),
		"config/other.txt": []byte(`from "./utilities"`),
	}
	fixNestedImports(files)
	want := map[string]string{
		"index.ts":         `import * as utilities from "./utilities";`,
		"config/vars.ts":   `import * as utilities from "../utilities";` + "\n" + `const v = require("./index");`,
		"config/index.ts":  `export * from "./vars";`,
		"types/input.ts":   `import * as inputs from "../types/input";` + "\n" + `import * as outputs from "../types/output";`,
		"types/output.ts":  `import * as u from "../utilities";`,
		"types/index.ts":   `import * as input from "./input";`,
		"config/other.txt": `from "./utilities"`,
	}
	for name, w := range want {
		if got := string(files[name]); got != w {
			t.Errorf("%s:\n got %s\nwant %s", name, got, w)
		}
	}
}
