"""Runs the Python handler this project replaces, for the benchmarks: python3 python_baseline.py HANDLER MODE EVENT...

MODE cold: import the handler (boto3 and its clients), serve one event, print when each step ended.
MODE warm: import it, then serve each EVENT file many times and print p50/p99 per file.
The handler is loaded from the path given; nothing of it is copied.
"""
import importlib.util
import json
import resource
import sys
import time


def load(path):
    spec = importlib.util.spec_from_file_location("seed_handler", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    handler_path, mode, events = sys.argv[1], sys.argv[2], sys.argv[3:]
    module = load(handler_path)
    ready = time.time()
    if mode == "cold":
        with open(events[0]) as f:
            event = json.load(f)
        response = module.lambda_handler(event, None)
        served = time.time()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print("COLDSTART " + json.dumps({
            "cpuMs": (usage.ru_utime + usage.ru_stime) * 1000,
            "readyEpochMs": int(ready * 1000), "servedEpochMs": int(served * 1000),
            "status": response["statusCode"],
            "peakRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
        return
    iterations = int(mode.split(":")[1]) if ":" in mode else 200
    for path in events:
        with open(path) as f:
            event = json.load(f)
        count = max(10, iterations if "4mib" not in path else iterations // 10)
        for _ in range(10):
            module.lambda_handler(event, None)
        samples = []
        for _ in range(count):
            start = time.perf_counter()
            status = module.lambda_handler(event, None)["statusCode"]
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        print("WARM " + json.dumps({
            "event": path, "status": status, "count": count,
            "p50Ms": samples[len(samples) // 2], "p99Ms": samples[min(len(samples) - 1, int(len(samples) * 0.99))]}))


if __name__ == "__main__":
    main()
