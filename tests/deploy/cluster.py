"""nginx (deploy/nginx.conf, as shipped) in front of N `streamlit run` replicas on loopback.

Used by the scale-out test (tests/deploy) and by the capacity benchmark (bench/capacity.py).
Everything listens on 127.0.0.1 and stops with :meth:`Cluster.stop`.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from tests.browser.helpers import ROOT, free_port

BASE_PATH = "atlas"  # the sub-path of deploy/nginx.conf (server.baseUrlPath of every replica)
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
LOG_FORMAT = "$tpatlas_route|$upstream_addr|$status|$request_uri"


def wait_http(url: str, timeout: float = 90, proc: subprocess.Popen | None = None) -> None:
    """Poll ``url`` until it answers 200 (or the process exits, or time runs out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
            raise RuntimeError(f"{proc.args[0]} exited: {err}")
        try:
            with urllib.request.urlopen(url, timeout=3) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)  # polling a server that is starting, not waiting on the app under test
    raise RuntimeError(f"{url} did not answer in time")


@dataclass
class Replica:
    """One `streamlit run` under the shared base path and cookie secret."""

    port: int
    secret: str
    proc: subprocess.Popen | None = None
    peak_rss: int = 0

    @property
    def addr(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
            "--server.headless", "true", "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--server.baseUrlPath", BASE_PATH, "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": self.secret}
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def wait_healthy(self) -> None:
        wait_http(f"http://{self.addr}/{BASE_PATH}/_stcore/health", proc=self.proc)

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def cpu_seconds(self) -> float:
        if not self.alive:
            return 0.0
        t = psutil.Process(self.proc.pid).cpu_times()
        return t.user + t.system

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@dataclass
class Cluster:
    """nginx on a free port with deploy/nginx.conf, and ``n`` replicas behind it."""

    n: int = 3
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="tpatlas-deploy-")))
    replicas: list[Replica] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    port: int = 0
    _sampling: bool = False

    @property
    def url(self) -> str:
        """The app's address through nginx."""
        return f"http://127.0.0.1:{self.port}/{BASE_PATH}"

    def start(self) -> Cluster:
        secret = secrets.token_hex(16)  # one cookie secret for all replicas, as in compose.yaml
        self.replicas = [Replica(free_port(), secret) for _ in range(self.n)]
        for r in self.replicas:
            r.start()
        self._start_nginx()
        for r in self.replicas:
            r.wait_healthy()
        wait_http(f"{self.url}/_stcore/health", proc=self.nginx)
        self._sampling = True
        threading.Thread(target=self._sample_memory, daemon=True).start()
        return self

    def nginx_site(self) -> str:
        """deploy/nginx.conf with this cluster's replicas and port; nothing else is changed."""
        conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
        servers = "".join(f"    server {r.addr} max_fails=1 fail_timeout=10s;\n" for r in self.replicas)
        conf, count = re.subn(
            r"(    # replicas:begin\n).*?(    # replicas:end\n)",
            lambda m: m[1] + servers + m[2],
            conf,
            flags=re.S,
        )
        assert count == 1, "deploy/nginx.conf lost its replicas markers"
        conf, count = re.subn(r"^    listen 8080;$", f"    listen 127.0.0.1:{self.port};", conf, flags=re.M)
        assert count == 1, "deploy/nginx.conf lost its `listen 8080;` line"
        return conf

    def _start_nginx(self) -> None:
        self.port = free_port()
        w = self.workdir
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (w / sub).mkdir(exist_ok=True)
            (w / sub).chmod(0o777)
        (w / "atlas.conf").write_text(self.nginx_site(), encoding="utf-8")
        main = f"""
daemon off;
worker_processes 1;
pid {w}/nginx.pid;
error_log {w}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format atlas '{LOG_FORMAT}';
    access_log {w}/access.log atlas;
    client_body_temp_path {w}/body; proxy_temp_path {w}/proxy; fastcgi_temp_path {w}/fastcgi;
    uwsgi_temp_path {w}/uwsgi; scgi_temp_path {w}/scgi;
    include {w}/atlas.conf;
}}
"""
        (w / "nginx.conf").write_text(main, encoding="utf-8")
        self.nginx = subprocess.Popen(
            [NGINX, "-p", str(w), "-c", str(w / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def _sample_memory(self) -> None:
        while self._sampling:
            for r in self.replicas:
                if r.alive:
                    try:
                        rss = psutil.Process(r.proc.pid).memory_info().rss
                    except psutil.Error:
                        continue
                    r.peak_rss = max(r.peak_rss, rss)
            time.sleep(0.25)  # a sampling period, not a wait on the app

    def routes(self) -> dict[str, list[str]]:
        """Route key (the affinity cookie) -> the replica addresses that served it, in order."""
        out: dict[str, list[str]] = {}
        log = self.workdir / "access.log"
        if not log.exists():
            return out
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            key, upstream, _status, _uri = [*line.split("|"), "", "", ""][:4]
            if key and upstream and upstream != "-":
                out.setdefault(key, []).append(upstream.split(",")[-1].strip())
        return out

    def error_log(self) -> str:
        path = self.workdir / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        self._sampling = False
        for r in self.replicas:
            r.stop()
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)
