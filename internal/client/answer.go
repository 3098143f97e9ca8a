package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// DefaultMaxAnswerBytes bounds the body of a successful answer. The largest
// the API sends (a page of repositories, every integration of an
// organization) is a few hundred kilobytes; a body past the cap is a broken
// server or proxy, and decoding it would hold the memory of a plan hostage.
const DefaultMaxAnswerBytes int64 = 32 << 20

// errAnswerTooLarge marks an answer refused by the size cap.
var errAnswerTooLarge = errors.New("answer too large")

// decodeAnswer decodes one JSON value from body into out, reading at most
// c.maxAnswerBytes.
func (c *Client) decodeAnswer(body io.Reader, out any) error {
	limited := &io.LimitedReader{R: body, N: c.maxAnswerBytes + 1}
	err := json.NewDecoder(limited).Decode(out)
	if limited.N <= 0 {
		return fmt.Errorf("%w: the answer is larger than %d bytes, the most this provider reads; "+
			"check that api_url names the Pulumi Cloud API and not another service", errAnswerTooLarge, c.maxAnswerBytes)
	}
	if err != nil {
		return fmt.Errorf("decoding the answer: %w", err)
	}
	return nil
}
