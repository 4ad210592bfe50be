"""The Python handler this project replaces, started as Lambda's python runtime starts it, for the benchmarks:
python3 python_runtime.py HANDLER

A loop on the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API): import the handler, then get the next event, call
lambda_handler, post its result, like the runtime interface client of the managed python runtimes does
(docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html). The handler is loaded from the path given.
"""
import http.client
import importlib.util
import json
import os
import sys


def main():
    spec = importlib.util.spec_from_file_location("seed_handler", sys.argv[1])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    api = http.client.HTTPConnection(os.environ["AWS_LAMBDA_RUNTIME_API"])
    while True:
        api.request("GET", "/2018-06-01/runtime/invocation/next")
        response = api.getresponse()
        event = response.read()
        if response.status != 200:
            sys.exit(1)
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        result = module.lambda_handler(json.loads(event), None)
        api.request("POST", "/2018-06-01/runtime/invocation/" + request_id + "/response", json.dumps(result),
                    {"Content-Type": "application/json"})
        api.getresponse().read()


if __name__ == "__main__":
    main()
