"""A FAKE onnxruntime module for tests (Debian has no python3-onnxruntime): it lets the real
ort_runner.py run end to end on the test server; session.run sleeps 1 ms."""
import time

__version__ = "0.0-fake"


class ExecutionMode:
    ORT_SEQUENTIAL = 0


class GraphOptimizationLevel:
    ORT_ENABLE_ALL = 99


class SessionOptions:
    pass


class _Input:
    name = "images"
    shape = ["batch", 3, 8, 8]


class InferenceSession:
    def __init__(self, path, sess_options=None, providers=None):
        open(path, "rb").close()

    def get_inputs(self):
        return [_Input()]

    def run(self, outputs, feed):
        time.sleep(0.001)
        return [None]
