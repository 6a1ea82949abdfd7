"""Protocol conformance of the goconc kernel, checked by jupyter_kernel_test.

jupyter_kernel_test starts the kernel named "goconc" (found through
JUPYTER_PATH, which run.sh points at a fresh kernelspec), runs each sample
below and validates every message against the Jupyter message schemas.
The test methods run in alphabetical order in one kernel, so each sample
imports what it uses rather than counting on an earlier one.
"""

import unittest

import jupyter_kernel_test


class GoconcConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "goconc"

    # kernel_info_reply
    language_name = "go"
    file_extension = ".go"

    # Printing to stdout and stderr.
    code_hello_world = 'import "fmt"\nfmt.Println("hello, world")'
    code_stderr = 'import (\n\t"fmt"\n\t"os"\n)\nfmt.Fprintln(os.Stderr, "oops")'

    # Completion: the engine completes package members of the cell's own
    # imports, and Go's builtins.
    completion_samples = [
        {"text": 'import "fmt"\nfmt.Pri', "matches": {"Print", "Printf", "Println"}},
        {"text": 'import "strings"\nstrings.ToU', "matches": {"ToUpper", "ToUpperSpecial"}},
        {"text": "appe", "matches": {"append"}},
    ]

    # is_complete_request, for a console deciding whether Enter runs the
    # cell or starts a new line.
    complete_code_samples = [
        "x := 1",
        'fmt.Println("hi")',
        "func f() int { return 1 }",
        "type point struct{ x, y int }",
    ]
    incomplete_code_samples = [
        "for i := 0; i < 3; i++ {",
        "func f() {",
        "x := []int{1,\n2,",
        "1 +",
    ]
    invalid_code_samples = [
        "x := )",
        "}",
    ]

    # IPython's inspection syntax pages the documentation.
    code_page_something = "fmt.Println?"

    # A failing cell produces exactly one output, the error. A compile
    # error is used: a panic also writes the panic to stderr.
    code_generate_error = "undefinedFunction()"

    # A trailing expression is the cell's result.
    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"go" + "pher"', "result": '"gopher"'},
        {"code": "[]int{1, 2, 3}", "result": "[1 2 3]"},
    ]

    # Rich output through goconc/display.
    code_display_data = [
        {"code": 'import "goconc/display"\ndisplay.HTML("<b>hi</b>")', "mime": "text/html"},
        {"code": 'import "goconc/display"\ndisplay.Markdown("*hi*")', "mime": "text/markdown"},
        {"code": 'import "goconc/display"\ndisplay.SVG(`<svg xmlns="http://www.w3.org/2000/svg"/>`)', "mime": "image/svg+xml"},
        {"code": 'import "goconc/display"\ndisplay.PNG([]byte{0x89, 0x50, 0x4e, 0x47})', "mime": "image/png"},
        {"code": 'import "goconc/display"\ndisplay.JSON(map[string]int{"a": 1})', "mime": "application/json"},
    ]

    # History: the pattern is a glob over the whole cell, and matches
    # exactly one of code_execute_result.
    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    # inspect_request: the documentation of what is under the cursor.
    code_inspect_sample = 'import "fmt"\nfmt.Println'

    code_clear_output = 'import "goconc/display"\ndisplay.Clear(false)'


if __name__ == "__main__":
    unittest.main()
