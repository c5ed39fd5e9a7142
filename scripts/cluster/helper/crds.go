package main

// crds resolves scripts/cluster/crd-catalog.json: each source names a Go
// module, a pinned version and file globs inside the module. The module is
// fetched into Go's module cache with `go mod download -json MOD@VER`, the
// globs are matched inside its directory and every CustomResourceDefinition
// found is written to OUT/crds.yaml (one multi-document manifest, ready for
// `kubectl apply --server-side`). OUT/crds.tsv lists group, kind, versions;
// OUT/resolved.json has the same with the sources (for other tools, e.g. the
// course's manifest validator). A source that cannot be fetched is dropped with
// a note instead of failing the whole catalog.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

type catalog struct {
	Sources []source `json:"sources"`
}

type source struct {
	Name    string   `json:"name"`
	Module  string   `json:"module"`
	Version string   `json:"version"`
	Files   []string `json:"files"`
	Note    string   `json:"note,omitempty"`
}

type resolvedSource struct {
	source
	Status string   `json:"status"` // "ok" or "dropped"
	Reason string   `json:"reason,omitempty"`
	Dir    string   `json:"dir,omitempty"`
	Paths  []string `json:"paths,omitempty"`
	CRDs   int      `json:"crds"`
}

type resolvedCRD struct {
	Name           string   `json:"name"`
	Group          string   `json:"group"`
	Kind           string   `json:"kind"`
	Plural         string   `json:"plural"`
	Scope          string   `json:"scope"`
	Versions       []string `json:"versions"`
	StorageVersion string   `json:"storageVersion"`
	Source         string   `json:"source"`
}

type crdDoc struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Spec struct {
		Group string `json:"group"`
		Scope string `json:"scope"`
		Names struct {
			Kind   string `json:"kind"`
			Plural string `json:"plural"`
		} `json:"names"`
		Versions []struct {
			Name    string `json:"name"`
			Served  bool   `json:"served"`
			Storage bool   `json:"storage"`
		} `json:"versions"`
	} `json:"spec"`
}

func runCRDs(args []string) error {
	fs := flag.NewFlagSet("crds", flag.ExitOnError)
	catalogPath := fs.String("catalog", "crd-catalog.json", "catalog file")
	out := fs.String("out", "", "output directory")
	_ = fs.Parse(args)
	if *out == "" {
		return errors.New("--out is required")
	}
	raw, err := os.ReadFile(*catalogPath)
	if err != nil {
		return err
	}
	var cat catalog
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cat); err != nil {
		return fmt.Errorf("%s: %w", *catalogPath, err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var manifest bytes.Buffer
	perSource := map[string][]byte{}
	var sources []resolvedSource
	var crds []resolvedCRD
	seen := map[string]string{}
	for _, src := range cat.Sources {
		rs := resolvedSource{source: src, Status: "ok"}
		docs, paths, dir, err := loadSource(src)
		rs.Dir, rs.Paths = dir, paths
		if err != nil {
			rs.Status, rs.Reason = "dropped", err.Error()
			fmt.Fprintf(os.Stderr, "crds: dropped %s (%s@%s): %v\n", src.Name, src.Module, src.Version, err)
			sources = append(sources, rs)
			continue
		}
		for _, d := range docs {
			var c crdDoc
			if err := yaml.Unmarshal(d, &c); err != nil {
				return fmt.Errorf("%s: %w", src.Name, err)
			}
			if c.Kind != "CustomResourceDefinition" || c.APIVersion != "apiextensions.k8s.io/v1" {
				continue // e.g. a kustomization or a ValidatingAdmissionPolicy next to the CRDs
			}
			if prev, dup := seen[c.Metadata.Name]; dup {
				return fmt.Errorf("CRD %s comes from both %s and %s", c.Metadata.Name, prev, src.Name)
			}
			seen[c.Metadata.Name] = src.Name
			rc := resolvedCRD{Name: c.Metadata.Name, Group: c.Spec.Group, Kind: c.Spec.Names.Kind,
				Plural: c.Spec.Names.Plural, Scope: c.Spec.Scope, Source: src.Name}
			for _, v := range c.Spec.Versions {
				if v.Served {
					rc.Versions = append(rc.Versions, v.Name)
				}
				if v.Storage {
					rc.StorageVersion = v.Name
				}
			}
			crds = append(crds, rc)
			doc := append(append([]byte("---\n"), bytes.TrimSpace(d)...), '\n')
			manifest.Write(doc)
			perSource[src.Name] = append(perSource[src.Name], doc...)
			rs.CRDs++
		}
		if rs.CRDs == 0 {
			rs.Status, rs.Reason = "dropped", "no CustomResourceDefinition in the matched files"
		}
		fmt.Fprintf(os.Stderr, "crds: %-22s %s@%s: %d CRDs\n", src.Name, src.Module, src.Version, rs.CRDs)
		sources = append(sources, rs)
	}
	sort.Slice(crds, func(i, j int) bool {
		if crds[i].Group != crds[j].Group {
			return crds[i].Group < crds[j].Group
		}
		return crds[i].Kind < crds[j].Kind
	})
	var tsv, names strings.Builder
	for _, c := range crds {
		fmt.Fprintf(&tsv, "%s\t%s\t%s\n", c.Group, c.Kind, strings.Join(c.Versions, ","))
		fmt.Fprintf(&names, "%s\n", c.Name)
	}
	js, err := json.MarshalIndent(map[string]any{"sources": sources, "crds": crds}, "", "  ")
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"crds.yaml":     manifest.Bytes(),
		"crds.tsv":      []byte(tsv.String()),
		"crd-names.txt": []byte(names.String()),
		"resolved.json": append(js, '\n'),
	}
	if err := os.MkdirAll(filepath.Join(*out, "sources"), 0o755); err != nil {
		return err
	}
	for name, data := range perSource {
		files[filepath.Join("sources", name+".yaml")] = data
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// loadSource downloads one module version and returns the YAML documents of the matched files.
func loadSource(src source) (docs [][]byte, paths []string, dir string, err error) {
	if src.Module == "" || src.Version == "" || len(src.Files) == 0 {
		return nil, nil, "", errors.New("module, version and files are required")
	}
	dir, err = moduleDir(src.Module, src.Version)
	if err != nil {
		return nil, nil, "", err
	}
	for _, pattern := range src.Files {
		matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
		if err != nil {
			return nil, nil, dir, err
		}
		if len(matches) == 0 {
			return nil, nil, dir, fmt.Errorf("%q matches no file in %s@%s", pattern, src.Module, src.Version)
		}
		sort.Strings(matches)
		for _, m := range matches {
			rel, _ := filepath.Rel(dir, m)
			paths = append(paths, filepath.ToSlash(rel))
			f, err := os.Open(m)
			if err != nil {
				return nil, nil, dir, err
			}
			r := utilyaml.NewYAMLReader(bufio.NewReader(f))
			for {
				d, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					f.Close()
					return nil, nil, dir, fmt.Errorf("%s: %w", rel, err)
				}
				if len(bytes.TrimSpace(d)) > 0 {
					docs = append(docs, d)
				}
			}
			f.Close()
		}
	}
	return docs, paths, dir, nil
}

func moduleDir(module, version string) (string, error) {
	tmp, err := os.MkdirTemp("", "crd-catalog-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("go", "mod", "download", "-json", module+"@"+version)
	cmd.Dir = tmp // outside any module, so only this one module is fetched
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GO111MODULE=on")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	var info struct {
		Dir   string
		Error string
	}
	if len(out) > 0 {
		_ = json.Unmarshal(out, &info)
	}
	if info.Error != "" {
		return "", errors.New(info.Error)
	}
	if runErr != nil {
		return "", fmt.Errorf("go mod download: %v: %s", runErr, strings.TrimSpace(stderr.String()))
	}
	if info.Dir == "" {
		return "", errors.New("go mod download gave no directory")
	}
	return info.Dir, nil
}
