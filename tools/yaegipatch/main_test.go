package main

import (
	"bytes"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestPatchAddsTheHookAtTheEndOfCallBin(t *testing.T) {
	modDir, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(modDir, "interp", "run.go"))
	if err != nil {
		t.Fatal(err)
	}
	patched, err := patch(src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "run.go", patched, 0)
	if err != nil {
		t.Fatalf("patched run.go does not parse: %v", err)
	}
	var body *ast.BlockStmt
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "callBin" {
			body = fd.Body
		}
	}
	if body == nil {
		t.Fatal("no callBin in the patched run.go")
	}
	last, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok {
		t.Fatalf("callBin's last statement is a %T, not the hook", body.List[len(body.List)-1])
	}
	if call, ok := last.X.(*ast.CallExpr); !ok || call.Fun.(*ast.Ident).Name != "fastCallBin" {
		t.Fatalf("callBin's last statement is not the call of fastCallBin")
	}
	want := len(hook) + len(deferredCall) - len(deferredAnchor) + len(addrCopy) - len(addrAnchor) + len(returnOwnSlot) - len(returnAnchor) +
		sliceAnchors*(len(sliceNative)-len(sliceAnchor)) + len(zeroArg) - len(zeroArgAnchor) +
		len(wrapperRecord) - len(wrapperAnchor) + len(binCallArg) - len(binCallArgAnchor) + len(regularCallArg) - len(regularCallArgAnchor) +
		len(makeChan) - len(makeChanAnchor) + len(makeBufferedChan) - len(makeBufferedChanAnchor) +
		len(caseClauseEnd) - len(caseClauseEndAnchor)
	if !bytes.Contains(patched, []byte(caseClauseEnd)) {
		t.Error("_case does not make its type switch clauses match interfaces")
	}
	switchSrc, err := withoutConstraint(typeSwitch, "typeswitch_interp.go")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), typeSwitchFile, switchSrc, 0); err != nil {
		t.Fatalf("%s does not parse: %v", typeSwitchFile, err)
	}
	if bytes.Contains(patched, []byte("reflect.MakeChan(")) {
		t.Error("run.go's make still asks reflect.MakeChan, which refuses directional channel types")
	}
	chansSrc, err := withoutConstraint(chans, "chans_interp.go")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), chansFile, chansSrc, 0); err != nil {
		t.Fatalf("%s does not parse: %v", chansFile, err)
	}
	for _, a := range pointerMethodAnchors {
		want += len(withPointerMethods(a)) - len(a)
		if !bytes.Contains(patched, []byte(withPointerMethods(a))) {
			t.Errorf("run.go's %q does not ask goconcHasMethods", a)
		}
	}
	if got := len(patched) - len(src); got != want {
		t.Errorf("the patch added %d bytes, want only the hook's, the deferred calls', addr's, _return's, the wrappings', the slicings', call's, genInterfaceWrapper's, make's and the case clauses' %d", got, want)
	}
	if n := bytes.Count(patched, []byte(sliceNative)); n != sliceAnchors || bytes.Contains(patched, []byte(sliceAnchor)) {
		t.Errorf("run.go slices through goconcSlice %d times, want all %d", n, sliceAnchors)
	}
	if !bytes.Contains(patched, []byte(zeroArg)) || bytes.Contains(patched, []byte(zeroArgAnchor)) {
		t.Error("call leaves a parameter unset for an empty string")
	}
	if !bytes.Contains(patched, []byte(wrapperRecord)) {
		t.Error("genInterfaceWrapper does not record the types of the values it wraps")
	}
	str, err := withoutConstraint(stringsSrc, "strings_interp.go")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), stringsFile, str, parser.ParseComments); err != nil {
		t.Fatalf("%s does not parse: %v", stringsFile, err)
	}
	if !bytes.Contains(patched, []byte(returnOwnSlot)) || bytes.Contains(patched, []byte(returnAnchor)) {
		t.Error("_return does not check that a binary operation's result is in place")
	}
	if !bytes.Contains(patched, []byte(addrCopy)) || bytes.Contains(patched, []byte(addrAnchor)) {
		t.Error("addr does not take addresses through goconcAddr")
	}
	if !bytes.Contains(patched, []byte(deferredCall)) || bytes.Contains(patched, []byte(deferredAnchor)) {
		t.Error("runCfg does not run its deferred calls through goconcRunDeferred")
	}
	def, err := withoutConstraint(deferred, "deferred_interp.go")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), deferredFile, def, parser.ParseComments); err != nil {
		t.Fatalf("%s does not parse: %v", deferredFile, err)
	}
	added, err := addedSource()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), addedFile, added, parser.ParseComments); err != nil {
		t.Fatalf("%s does not parse: %v", addedFile, err)
	}
	if bytes.Contains(added, []byte("go:build")) {
		t.Errorf("%s keeps a build constraint", addedFile)
	}
}

// TestAnchoredPatches checks the patches that replace one anchor of a
// file: the patched file parses and differs from the original there only,
// the file added beside it parses, and any other file is refused.
func TestAnchoredPatches(t *testing.T) {
	modDir, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file, anchor, with string
		patch              func([]byte) ([]byte, error)
		added              []byte
		addedName          string
		more               [][2]string // further anchors the patch replaces, and with what
	}{
		{"generic.go", genericAnchor, genericKey, patchGeneric, generics, "generics_interp.go", nil},
		{"value.go", interfaceAnchor, interfaceCopy, patchValue, interfaces, "interfaces_interp.go", [][2]string{{destAnchor, withPointerMethods(destAnchor)}}},
		{"interp.go", nodesAnchor, nodesField, patchInterp, interfaces, "interfaces_interp.go", nil},
		{"type.go", fieldTagAnchor, fieldTag, patchType, structTags, "structtags_interp.go", [][2]string{{embeddedAnchor, embedded}, {fieldNameAnchor, blankFieldName}, {instanceAnchor, instanceName}}},
		{"type.go", fieldNameAnchor, blankFieldName, patchType, blanks, "blanks_interp.go", [][2]string{{fieldTagAnchor, fieldTag}, {embeddedAnchor, embedded}, {instanceAnchor, instanceName}}},
		{"type.go", instanceAnchor, instanceName, patchType, generics, "generics_interp.go", [][2]string{{fieldTagAnchor, fieldTag}, {embeddedAnchor, embedded}, {fieldNameAnchor, blankFieldName}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(modDir, "interp", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			patched, err := tt.patch(src)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := parser.ParseFile(token.NewFileSet(), tt.file, patched, 0); err != nil {
				t.Fatalf("patched %s does not parse: %v", tt.file, err)
			}
			want := strings.Replace(string(src), tt.anchor, tt.with, 1)
			for _, m := range tt.more {
				want = strings.Replace(want, m[0], m[1], 1)
			}
			if got := string(patched); got != want {
				t.Errorf("the patch changed more of %s than its anchor", tt.file)
			}
			added, err := withoutConstraint(tt.added, tt.addedName)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := parser.ParseFile(token.NewFileSet(), tt.addedName, added, parser.ParseComments); err != nil {
				t.Fatalf("%s does not parse: %v", tt.addedName, err)
			}
			for _, src := range []string{"", "package interp\n", "package interp\n" + tt.anchor} {
				if _, err := tt.patch([]byte(src)); !errors.Is(err, errMismatch) {
					t.Errorf("patch(%q) = %v, want %v", src, err, errMismatch)
				}
			}
		})
	}
}

func TestPatchRefusesAnotherFile(t *testing.T) {
	for _, src := range []string{
		"",
		"package interp\n",
		"package interp\n" + strings.TrimPrefix(anchor, "\n") + "}\n",
	} {
		if _, err := patch([]byte(src)); !errors.Is(err, errMismatch) {
			t.Errorf("patch(%q) = %v, want %v", src, err, errMismatch)
		}
	}
}

// TestSameProgramFasterCalls runs testdata/calls, which interprets calls
// of compiled functions, built without and with the workspace: what it
// prints must be the same, and the calls of the patch's signatures must
// skip reflect with it, and only with it.
func TestSameProgramFasterCalls(t *testing.T) {
	dir := t.TempDir()
	// The user's cache, where builds put the workspace too: a copy
	// elsewhere would be compiled anew.
	work, err := run("")
	if err != nil {
		t.Fatal(err)
	}
	if again, err := run(""); err != nil || again != work {
		t.Fatalf("a second run gave %q, %v; want %q", again, err, work)
	}
	runCalls := func(gowork string) (stdout string, ways map[string]map[string]int) {
		t.Helper()
		bin := filepath.Join(dir, "calls-"+filepath.Base(filepath.Dir(gowork)))
		build := exec.Command("go", "build", "-o", bin, "./testdata/calls")
		build.Env = append(os.Environ(), "GOWORK="+gowork)
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("GOWORK=%s go build: %v\n%s", gowork, err, out)
		}
		var out, errOut bytes.Buffer
		cmd := exec.Command(bin)
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("GOWORK=%s testdata/calls: %v\n%s%s", gowork, err, out.Bytes(), errOut.Bytes())
		}
		ways = map[string]map[string]int{}
		for _, line := range strings.Split(errOut.String(), "\n") {
			name, how, ok := strings.Cut(line, " ")
			if !ok || (how != "direct" && how != "reflect") {
				continue
			}
			if ways[name] == nil {
				ways[name] = map[string]int{}
			}
			ways[name][how]++
		}
		return out.String(), ways
	}
	plain, plainWays := runCalls("off")
	fast, fastWays := runCalls(work)
	if plain != fast {
		t.Errorf("with the patch, testdata/calls printed\n%s\nwithout it\n%s", fast, plain)
	}
	for name, ways := range plainWays {
		if ways["direct"] > 0 {
			t.Errorf("without the patch, %s was called directly %d times", name, ways["direct"])
		}
	}
	// What the patch calls directly, and what it must leave to reflect:
	// a deferred call, a call in a go statement, and signatures it does
	// not know.
	want := map[string]map[string]int{
		"Exit":    {"direct": 3, "reflect": 1}, // one deferred
		"Enter":   {"direct": 5},
		"Lock":    {"direct": 6},
		"Unlock":  {"direct": 5},
		"RLock":   {"direct": 1},
		"RUnlock": {"direct": 1},
		"Done":    {"reflect": 2}, // deferred, and in a go statement
		"Wait":    {"direct": 1},
		"Panic":   {"direct": 1},
		"Pair":    {"reflect": 1},
	}
	for name, ways := range want {
		for how, n := range ways {
			if fastWays[name][how] != n {
				t.Errorf("with the patch, %s was called %s %d times, want %d (all: %v)", name, how, fastWays[name][how], n, fastWays[name])
			}
		}
	}
}

// TestPatchCfg checks the edit of cfg.go: a case before each of its two
// target anchors, the composite literal's condition and the check of a
// type switch's duplicate cases and of an instance not found replaced, a
// case's type argument taken, an instance's error kept, a type
// assertion's check dropped, nothing
// else changed, the added file parses, and any other
// file is refused.
func TestPatchCfg(t *testing.T) {
	modDir, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(modDir, "interp", "cfg.go"))
	if err != nil {
		t.Fatal(err)
	}
	patched, err := patchCfg(src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "cfg.go", patched, 0); err != nil {
		t.Fatalf("patched cfg.go does not parse: %v", err)
	}
	want := strings.Replace(string(src), binaryTargetAnchor, ownSlot+binaryTargetAnchor, 1)
	want = strings.Replace(want, unaryTargetAnchor, ownSlot+unaryTargetAnchor, 1)
	want = strings.Replace(want, compositeTargetAnchor, compositeTarget, 1)
	want = strings.Replace(want, duplicateCaseAnchor, casesChecked, 1)
	want = strings.Replace(want, instanceNotFoundAnchor, instantiate, 1)
	want = strings.Replace(want, typeArgCaseAnchor, typeArgCase, 1)
	want = strings.Replace(want, instanceErrAnchor, instanceErr, 1)
	want = strings.Replace(want, callInstanceErrAnchor, callInstanceErr, 1)
	want = strings.Replace(want, assertionCheckAnchor, assertionChecked, 1)
	if string(patched) != want {
		t.Error("the patch changed more of cfg.go than its nine anchors")
	}
	for _, a := range []string{typeArgCaseAnchor, instanceErrAnchor, callInstanceErrAnchor} {
		if strings.Contains(string(patched), a) {
			t.Errorf("the patched cfg.go still holds %q", a)
		}
	}
	if strings.Contains(string(patched), instanceNotFoundAnchor) {
		t.Error("the patched cfg.go still refuses an instance no declaration made")
	}
	if strings.Contains(string(patched), duplicateCaseAnchor) {
		t.Error("the patched cfg.go still rejects a type switch naming one type twice")
	}
	if strings.Contains(string(patched), compositeTargetAnchor) {
		t.Error("the patched cfg.go still builds a composite literal in an empty interface's slot")
	}
	if n := strings.Count(string(patched), ownSlot); n != 2 {
		t.Errorf("the patched cfg.go has the interface-target case %d times, want 2", n)
	}
	added, err := withoutConstraint(results, "results_interp.go")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), resultsFile, added, parser.ParseComments); err != nil {
		t.Fatalf("%s does not parse: %v", resultsFile, err)
	}
	for _, src := range []string{"", "package interp\n", "package interp\n" + binaryTargetAnchor + unaryTargetAnchor} {
		if _, err := patchCfg([]byte(src)); !errors.Is(err, errMismatch) {
			t.Errorf("patchCfg(%q) = %v, want %v", src, err, errMismatch)
		}
	}
}
