// Package spec holds the VCS-integrations subset of Pulumi Cloud's published
// OpenAPI document and validates HTTP requests and responses against it,
// strictly. It is the project's reference for the wire format: the emulator's
// answers and the client's request bodies are both checked here, so neither
// side can drift towards the other instead of towards the service.
//
// Strict means more than the document says literally. OpenAPI lets an object
// carry properties its schema does not name unless additionalProperties is
// false, and Pulumi's document never says so; checked literally, a misspelt or
// invented field would pass. Load therefore closes every object schema that
// names its properties (additionalProperties: false) and flattens allOf into
// one object first, because closing each allOf branch separately would make
// every branch refuse the others' properties. Objects that name no properties
// at all (free-form, such as CompleteOAuthResponse) stay open. Enums, required
// properties, types and formats (date-time, int32, int64) are checked as
// written. A response with a status the operation does not list fails, and so
// does a body on a 204.
package spec

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Document is the OpenAPI 3.0 document, as published (the VCS-integrations
// paths and every schema they reference).
//
//go:embed pulumi-cloud-openapi-vcs.json
var Document []byte

// Operation is one method on one path template of the document.
type Operation struct {
	Method      string // upper case, e.g. "GET"
	Path        string // template, e.g. "/api/console/orgs/{orgName}/integrations/github"
	OperationID string // e.g. "ListGitHubIntegrations"
}

// Validator checks requests and responses against the strict document. It is
// safe for concurrent use.
type Validator struct {
	doc *openapi3.T
	ops []route
}

type route struct {
	Operation
	segments []string // "" marks a {parameter}
	literals int
	op       *openapi3.Operation
}

var (
	defaultOnce sync.Once
	defaultV    *Validator
	defaultErr  error
)

// Default returns the shared Validator for the embedded document. The
// document is loaded once; an error means the embedded document is broken.
func Default() (*Validator, error) {
	defaultOnce.Do(func() { defaultV, defaultErr = New() })
	return defaultV, defaultErr
}

// New loads the embedded document, makes it strict (see the package comment)
// and returns a Validator for it.
func New() (*Validator, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(Document)
	if err != nil {
		return nil, fmt.Errorf("spec: load OpenAPI document: %w", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("spec: OpenAPI document is invalid: %w", err)
	}
	tighten(doc)
	v := &Validator{doc: doc}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			r := route{Operation: Operation{Method: method, Path: path, OperationID: op.OperationID}, op: op}
			for _, seg := range strings.Split(strings.TrimPrefix(path, "/"), "/") {
				if strings.HasPrefix(seg, "{") {
					seg = ""
				} else {
					r.literals++
				}
				r.segments = append(r.segments, seg)
			}
			v.ops = append(v.ops, r)
		}
	}
	// Most literal segments first, so ".../github/claimable" wins over
	// ".../github/{integrationId}" and ".../custom/{id}/repos" over
	// ".../{provider}/{id}/repos"; then a stable order for Operations.
	sort.Slice(v.ops, func(i, j int) bool {
		a, b := v.ops[i], v.ops[j]
		if a.literals != b.literals {
			return a.literals > b.literals
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Method < b.Method
	})
	return v, nil
}

// Operations lists every operation of the document, sorted by path then
// method.
func (v *Validator) Operations() []Operation {
	out := make([]Operation, 0, len(v.ops))
	for _, r := range v.ops {
		out = append(out, r.Operation)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// Find returns the operation a request would reach: method and request URI
// (an escaped path, optionally with a query). ok is false when the document
// has no such operation.
func (v *Validator) Find(method, requestURI string) (Operation, bool) {
	r, _, err := v.find(method, requestURI)
	if err != nil {
		return Operation{}, false
	}
	return r.Operation, true
}

// ValidateRequest checks a request: method, request URI (escaped path with
// optional query), headers and body (nil when there is none). Path and query
// parameters, the Content-Type (so a body needs "Content-Type:
// application/json" in header) and the body are checked against the
// operation; a body on an operation that takes none fails. Errors name the
// offending property and may quote its value: don't log them where a
// secret must not go.
func (v *Validator) ValidateRequest(method, requestURI string, header http.Header, body []byte) error {
	in, err := v.input(method, requestURI, header, body)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateRequest(context.Background(), in)
}

// ValidateResponse checks a response to the request (method, request URI):
// the status must be one the operation lists, and the body must match that
// status's schema strictly. A status documented without content accepts any
// body, except 204, which must have none.
func (v *Validator) ValidateResponse(method, requestURI string, status int, header http.Header, body []byte) error {
	in, err := v.input(method, requestURI, nil, nil)
	if err != nil {
		return err
	}
	if status == http.StatusNoContent && len(body) > 0 {
		return fmt.Errorf("spec: %s %s: 204 with a body (%d bytes)", method, requestURI, len(body))
	}
	if header == nil {
		header = http.Header{}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Options:                in.Options,
	}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		return fmt.Errorf("spec: %s %s → %d: %w", method, requestURI, status, err)
	}
	return nil
}

func (v *Validator) input(method, requestURI string, header http.Header, body []byte) (*openapi3filter.RequestValidationInput, error) {
	r, params, err := v.find(method, requestURI)
	if err != nil {
		return nil, err
	}
	u, err := url.ParseRequestURI(requestURI)
	if err != nil {
		return nil, fmt.Errorf("spec: request URI %q: %w", requestURI, err)
	}
	var rd io.Reader = http.NoBody
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, "http://spec.invalid"+u.RequestURI(), rd)
	if err != nil {
		return nil, err
	}
	if header != nil {
		req.Header = header.Clone()
	}
	return &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route: &routers.Route{
			Spec: v.doc, Path: r.Path, PathItem: v.doc.Paths.Value(r.Path),
			Method: r.Method, Operation: r.op,
		},
		Options: &openapi3filter.Options{
			IncludeResponseStatus:             true,
			RejectWhenRequestBodyNotSpecified: true,
			MultiError:                        true,
			AuthenticationFunc:                openapi3filter.NoopAuthenticationFunc,
			SchemaValidationOptions:           []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation()},
		},
	}, nil
}

// ErrNoOperation reports a method and path the document does not have.
var ErrNoOperation = errors.New("spec: no such operation in the OpenAPI document")

// find matches segment by segment on the escaped path, so an encoded "/"
// (%2F) stays inside one parameter as the service's router sees it. It does
// not use kin-openapi's routers: gorillamux stops at the first path that
// matches whatever the method, and GET .../custom/{id}/repos must reach
// ListVCSRepos on .../{provider}/{id}/repos, not fail on the custom path that
// only has POST and DELETE.
func (v *Validator) find(method, requestURI string) (route, map[string]string, error) {
	u, err := url.ParseRequestURI(requestURI)
	if err != nil {
		return route{}, nil, fmt.Errorf("spec: request URI %q: %w", requestURI, err)
	}
	segs := strings.Split(strings.TrimPrefix(u.EscapedPath(), "/"), "/")
	for _, r := range v.ops {
		if r.Method != strings.ToUpper(method) || len(r.segments) != len(segs) {
			continue
		}
		params, ok := match(r, segs)
		if ok {
			return r, params, nil
		}
	}
	return route{}, nil, fmt.Errorf("%w: %s %s", ErrNoOperation, method, u.Path)
}

func match(r route, segs []string) (map[string]string, bool) {
	params := map[string]string{}
	tmpl := strings.Split(strings.TrimPrefix(r.Path, "/"), "/")
	for i, want := range r.segments {
		if want == "" {
			if segs[i] == "" {
				return nil, false
			}
			val, err := url.PathUnescape(segs[i])
			if err != nil {
				return nil, false
			}
			params[strings.Trim(tmpl[i], "{}")] = val
			continue
		}
		if want != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// tighten makes every object schema that names properties refuse others, and
// flattens allOf first (see the package comment). Schemas are shared through
// $ref, so each is visited once.
func tighten(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(ref *openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if len(s.AllOf) > 0 {
			flattenAllOf(s)
		}
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		for _, sub := range append(append(s.OneOf, s.AnyOf...), s.Not) {
			walk(sub)
		}
		if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			no := false
			s.AdditionalProperties.Has = &no
		}
	}
	for _, ref := range doc.Components.Schemas {
		walk(ref)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					walk(mt.Schema)
				}
			}
			for _, resp := range op.Responses.Map() {
				if resp.Value == nil {
					continue
				}
				for _, mt := range resp.Value.Content {
					walk(mt.Schema)
				}
			}
		}
	}
}

// flattenAllOf merges allOf branches (each an object, possibly behind $ref)
// into s itself, so closing s accepts the union of their properties.
func flattenAllOf(s *openapi3.Schema) {
	if s.Properties == nil {
		s.Properties = openapi3.Schemas{}
	}
	for _, branch := range s.AllOf {
		b := branch.Value
		if b == nil {
			continue
		}
		if len(b.AllOf) > 0 {
			flattenAllOf(b)
		}
		for name, p := range b.Properties {
			if _, ok := s.Properties[name]; !ok {
				s.Properties[name] = p
			}
		}
		for _, req := range b.Required {
			if !contains(s.Required, req) {
				s.Required = append(s.Required, req)
			}
		}
	}
	s.Type = &openapi3.Types{openapi3.TypeObject}
	s.AllOf = nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
