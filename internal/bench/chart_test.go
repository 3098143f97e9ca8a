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
	"gonum.org/v1/plot/vg/vgsvg"
)

// writeChart draws plan and apply wall time (seconds per command) against N
// for the three targets into an SVG at path: one panel per kind, in the
// order the rows first name them, under title.
func writeChart(path, title string, rows []sizeResult) error {
	var kinds []string
	byKind := map[string][]sizeResult{}
	for _, r := range rows {
		if _, ok := byKind[r.kind]; !ok {
			kinds = append(kinds, r.kind)
		}
		byKind[r.kind] = append(byKind[r.kind], r)
	}
	panels := make([][]*plot.Plot, len(kinds))
	for i, kind := range kinds {
		p, err := kindPlot(title+": "+kind, byKind[kind])
		if err != nil {
			return err
		}
		panels[i] = []*plot.Plot{p}
	}
	const width, panelHeight = 7 * vg.Inch, 4.5 * vg.Inch
	canvas := vgsvg.New(width, panelHeight*vg.Length(len(kinds)))
	tiles := draw.Tiles{Rows: len(kinds), Cols: 1, PadTop: vg.Points(6), PadBottom: vg.Points(6), PadY: vg.Points(12)}
	dc := draw.New(canvas)
	for i, row := range plot.Align(panels, tiles, dc) {
		panels[i][0].Draw(row[0])
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := canvas.WriteTo(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// kindPlot is one kind's panel: plan and apply of the three targets against N.
func kindPlot(title string, rows []sizeResult) (*plot.Plot, error) {
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
				return nil, err
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
	return p, nil
}

func TestWriteChart(t *testing.T) {
	var rows []sizeResult
	for _, kind := range []string{"gitlab", "custom-repos"} {
		for _, n := range []int{10, 50} {
			r := sizeResult{kind: kind, n: n, runs: 1}
			for tg := range numTargets {
				r.wall[tg] = runTimes{1e9, 5e8, 1e9}
			}
			rows = append(rows, r)
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
	for _, want := range []string{"<svg", "test: gitlab", "test: custom-repos", "pulumicloud plan", "noop apply", "terraform_data apply"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
}
