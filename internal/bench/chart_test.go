package bench

import (
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// writeChart draws plan and apply wall time (seconds per command) against N
// for the three targets into an SVG at path.
func writeChart(path, title string, rows []sizeResult) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "N (resources)"
	p.Y.Label.Text = "wall time per command (s)"
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())
	colors := [numTargets]color.Color{
		color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}, // pulumicloud
		color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}, // noop
		color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}, // terraform_data
	}
	for _, cmd := range []int{phaseApply, phasePlan} {
		for t := range numTargets {
			pts := make(plotter.XYs, len(rows))
			for i, r := range rows {
				pts[i].X, pts[i].Y = float64(r.n), r.wallMS(t, cmd)/1000
			}
			line, scatter, err := plotter.NewLinePoints(pts)
			if err != nil {
				return err
			}
			line.Color, scatter.Color = colors[t], colors[t]
			line.Width = vg.Points(1.5)
			scatter.Shape = draw.CircleGlyph{}
			if cmd == phasePlan {
				line.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
				scatter.Shape = draw.BoxGlyph{}
			}
			p.Add(line, scatter)
			p.Legend.Add(targetNames[t]+" "+phases[cmd], line, scatter)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return p.Save(7*vg.Inch, 4.5*vg.Inch, path)
}

func TestWriteChart(t *testing.T) {
	rows := []sizeResult{{n: 10, runs: 1}, {n: 50, runs: 1}}
	for i := range rows {
		for tg := range numTargets {
			rows[i].wall[tg] = runTimes{1e9, 5e8, 1e9}
		}
	}
	path := filepath.Join(t.TempDir(), "c.svg")
	if err := writeChart(path, "test", rows); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "pulumicloud plan", "noop apply", "terraform_data apply"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
}
