"""Jupyter's own conformance suite (jupyter_kernel_test) run against the installed Sealbook kernel.

Needs the kernel installed where Jupyter looks (install/install.sh); SEALBOOK_KERNEL names it (default sealbook).
"""
import os
import unittest

import jupyter_kernel_test
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

KERNEL = os.environ.get("SEALBOOK_KERNEL", "sealbook")


class SealbookConformanceTest(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world")'
    code_stderr = 'System.err.println("something went wrong")'

    completion_samples = [
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "Integer.MAX_", "matches": {"MAX_VALUE"}},
        {"text": "String.valueO", "matches": {"valueOf("}},
        {"text": "%lsm", "matches": {"%lsmagic"}},
        {"text": "%%ti", "matches": {"%%time"}},
        # a stage's declared options, after "--"
        {"text": "%hypothesize --se", "matches": {"--seed", "--secondary"}},
        {"text": "%%design_experiments --max-e", "matches": {"--max-experiments"}},
    ]

    complete_code_samples = [
        "1 + 1",
        "int x = 1;",
        'System.out.println("hi");',
        "void f() {}",
        "for (int i = 0; i < 3; i++) {\n    System.out.println(i);\n}",
        "%lsmagic",
        # As in IPython, a cell magic's body can be anything, so only an empty last line completes it.
        "%%time\nint y = 1;\n\n",
    ]
    incomplete_code_samples = [
        "for (int i = 0; i < 3; i++) {",
        "void f() {",
        "class A {",
        "int x = 1 +",
        'System.out.println("a"',
        "%%time",
        "%%time\nint y = 1;",
    ]
    invalid_code_samples = [
        "int x = ;",
        "x )",
        "}",
        '"unterminated',
    ]

    # No code_page_something: the kernel has no pager (no "page" payload), so that test is skipped.

    code_generate_error = 'throw new IllegalStateException("deliberate")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"abc".length()', "result": "3"},
        {"code": 'String.join("-", "a", "b")', "result": "a-b"},
    ]

    code_display_data = [
        {"code": 'display(html("<b>hi</b>"));', "mime": "text/html"},
        {"code": 'display(markdown("*hi*"));', "mime": "text/markdown"},
        {"code": 'display("plain text");', "mime": "text/plain"},
        {"code": "%%html\n<i>hi</i>", "mime": "text/html"},
    ]

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "clearOutput();"

    @classmethod
    def setUpClass(cls):
        try:
            KernelSpecManager().get_kernel_spec(cls.kernel_name)
        except NoSuchKernel:
            raise AssertionError(
                f"Jupyter finds no kernel named {cls.kernel_name!r}; run install/install.sh "
                f"(or set JUPYTER_PATH to where it installed, or SEALBOOK_KERNEL to another name).") from None
        super().setUpClass()
        # JShell starts on the first cell and can take several seconds; the suite allows each reply 15 s.
        reply = cls.kc.execute_interactive("0", timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]

    def test_semicolon_hides_the_result(self):
        self.flush_channels()
        reply, output_msgs = self.execute_helper(code="6 * 7;")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([m["msg_type"] for m in output_msgs], [])


if __name__ == "__main__":
    unittest.main()
