package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// Options.QuoteRequestInErrors: the error answers of an authenticated API
// request quote the request as received, body and query, secrets included,
// as validation errors of many services do. The quote goes into the
// message (free text) and, again, under a key of its own, so a test sees
// whether a client masks a secret by value, wherever it is.

// quoteWriter holds an error answer back until flush, to add the quote.
type quoteWriter struct {
	http.ResponseWriter
	quote  string
	status int // 0 until WriteHeader; an error answer is held when >= 400
	held   bytes.Buffer
}

func newQuoteWriter(w http.ResponseWriter, r *http.Request, body []byte) *quoteWriter {
	q := r.Method + " " + r.URL.RequestURI()
	if len(body) > 0 {
		q += " " + string(body)
	}
	return &quoteWriter{ResponseWriter: w, quote: q}
}

func (q *quoteWriter) WriteHeader(code int) {
	if q.status != 0 {
		return
	}
	q.status = code
	if code < 400 {
		q.ResponseWriter.WriteHeader(code)
	}
}

func (q *quoteWriter) Write(b []byte) (int, error) {
	if q.status == 0 {
		q.WriteHeader(http.StatusOK)
	}
	if q.status < 400 {
		return q.ResponseWriter.Write(b)
	}
	return q.held.Write(b)
}

// flush sends a held error answer with the quote added.
func (q *quoteWriter) flush() {
	if q.status < 400 {
		return
	}
	out := q.held.Bytes()
	var body map[string]any
	if err := json.Unmarshal(out, &body); err == nil {
		msg, _ := body["message"].(string)
		body["message"] = msg + " (request: " + q.quote + ")"
		body["request"] = q.quote
		if b, err := json.Marshal(body); err == nil {
			out = append(b, '\n')
		}
	}
	q.Header().Set("Content-Length", strconv.Itoa(len(out)))
	q.ResponseWriter.WriteHeader(q.status)
	_, _ = q.ResponseWriter.Write(out)
}
