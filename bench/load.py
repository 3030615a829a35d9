"""Load generators for bench/run.py: wrk when it can be had, else a small Python client.

Both send requests to one 127.0.0.1 URL for a fixed time and report requests per second and
latency percentiles. Nothing here ever talks to another host.
"""

import http.client
import re
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

# The Python client stops after this many requests even if time is left: a hard upper bound.
MAX_REQUESTS = 200_000


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    requests: int
    errors: int


def wrk_path() -> str | None:
    """wrk from Debian, installed on first use where we may (root, apt); None if unavailable."""
    found = shutil.which("wrk")
    if found or not shutil.which("apt-get"):
        return found
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    # A fresh machine may have no package lists yet: then update once and try again.
    if not _succeeds(install) and _succeeds(["apt-get", "update", "-qq"]):
        _succeeds(install)
    return shutil.which("wrk")


def _succeeds(command: list[str]) -> bool:
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError):
        return False
    return True


def measure(
    url: str,
    *,
    headers: dict[str, str],
    duration: int,
    connections: int,
    wrk: str | None,
    timeout: int = 10,
) -> Result:
    """`timeout`: seconds after which a request counts as an error (and is not waited for)."""
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError("The benchmark only ever loads 127.0.0.1.")
    if wrk:
        return _wrk(
            wrk, url, headers=headers, duration=duration, connections=connections, timeout=timeout
        )
    return _python_client(
        url, headers=headers, duration=duration, connections=connections, timeout=timeout
    )


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(
    wrk: str, url: str, *, headers: dict[str, str], duration: int, connections: int, timeout: int
) -> Result:
    # wrk refuses more threads than connections: `--connections 1` means one thread.
    threads = min(2, connections)
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        f"{timeout}s",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], check=True, capture_output=True, text=True, timeout=duration + timeout + 60
    ).stdout
    percentiles = {
        int(share): float(value) * _UNITS_MS[unit]
        for share, value, unit in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: .*timeout (\d+)", output)
    return Result(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=percentiles[50],
        p90_ms=percentiles[90],
        p99_ms=percentiles[99],
        requests=requests,
        errors=(int(errors.group(1)) if errors else 0)
        + (int(socket_errors.group(1)) if socket_errors else 0),
    )


def _python_client(
    url: str, *, headers: dict[str, str], duration: int, connections: int, timeout: int
) -> Result:
    """Keep-alive connections in threads; slower than wrk, and shares the CPU with the server."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + duration
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        while time.monotonic() < deadline:
            with lock:
                if len(latencies) + errors[0] >= MAX_REQUESTS:
                    return
            started = time.perf_counter()
            try:
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status < 400
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
                ok = False
            elapsed_ms = (time.perf_counter() - started) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed_ms)
                else:
                    errors[0] += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return Result(
        requests_per_second=len(latencies) / elapsed,
        p50_ms=cuts[49],
        p90_ms=cuts[89],
        p99_ms=cuts[98],
        requests=len(latencies) + errors[0],
        errors=errors[0],
    )
