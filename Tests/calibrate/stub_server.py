#!/usr/bin/env python3
"""A small OpenAI-compatible completions server whose latencies the test sets.

Each request waits TTFT before its first token and then ITL between tokens, streamed as
server-sent events the way vLLM streams them (one token per event, then a usage event and
[DONE]). The prompt's token count is the number of whitespace-separated words, which is what
the word-level tokenizer of make_tokenizer.py counts, so clients that count tokens agree.

    stub_server.py --port 8011 --ttft-ms 40 --itl-ms 12 [--ttft-per-token-ms 0.05]

TTFT = ttft-ms + ttft-per-token-ms x prompt tokens, so a test can set how TTFT grows with the
prompt. Standard library only; one thread per connection.
"""
import argparse
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "stub-model"


def sleep_until(deadline):
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            return
        time.sleep(min(left, 0.002) if left < 0.004 else left - 0.002)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    ttft = 0.04
    ttft_per_token = 0.0
    itl = 0.012

    def log_message(self, *args):
        pass

    def send_json(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            self.send_json(200, {"object": "list", "data": [{"id": MODEL, "object": "model", "owned_by": "test"}]})
        elif self.path.rstrip("/") in ("/health", "/v1/health"):
            self.send_json(200, {"status": "ok"})
        else:
            self.send_json(404, {"error": "not found"})

    def do_POST(self):
        start = time.perf_counter()
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        chat = self.path.rstrip("/").endswith("chat/completions")
        if chat:
            prompt = " ".join(str(m.get("content", "")) for m in body.get("messages", []))
        else:
            prompt = body.get("prompt", "")
            if isinstance(prompt, list):
                prompt = " ".join(map(str, prompt))
        prompt_tokens = max(1, len(prompt.split()))
        out = int(body.get("max_tokens") or body.get("max_completion_tokens") or 16)
        stream = bool(body.get("stream"))
        first = start + self.ttft + self.ttft_per_token * prompt_tokens
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": out, "total_tokens": prompt_tokens + out}
        if not stream:
            sleep_until(first + self.itl * (out - 1))
            text = " ".join(["tok"] * out)
            choice = {"index": 0, "message": {"role": "assistant", "content": text}} if chat else {"index": 0, "text": text}
            self.send_json(200, {"id": "stub", "object": "chat.completion" if chat else "text_completion",
                                 "model": MODEL, "choices": [choice], "usage": usage})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

        def event(payload):
            self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
            self.wfile.flush()

        for k in range(out):
            sleep_until(first + self.itl * k)
            if chat:
                choice = {"index": 0, "delta": {"content": " tok"}, "finish_reason": "length" if k == out - 1 else None}
                event({"id": "stub", "object": "chat.completion.chunk", "model": MODEL, "choices": [choice]})
            else:
                choice = {"index": 0, "text": " tok", "finish_reason": "length" if k == out - 1 else None}
                event({"id": "stub", "object": "text_completion", "model": MODEL, "choices": [choice]})
        event({"id": "stub", "object": "text_completion", "model": MODEL, "choices": [], "usage": usage})
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=8011)
    p.add_argument("--ttft-ms", type=float, default=40)
    p.add_argument("--ttft-per-token-ms", type=float, default=0)
    p.add_argument("--itl-ms", type=float, default=12)
    a = p.parse_args()
    Handler.ttft = a.ttft_ms / 1000
    Handler.ttft_per_token = a.ttft_per_token_ms / 1000
    Handler.itl = a.itl_ms / 1000
    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    server.daemon_threads = True
    print(f"stub server on 127.0.0.1:{a.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
