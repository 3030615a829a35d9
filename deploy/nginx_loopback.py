"""deploy/nginx/plenary.conf made runnable on loopback ports in a scratch folder, as a user:
for bench/stack.py (the whole stack on this machine) and tests/deploy (nginx -t).

Only what a production server has and a scratch folder has not is changed: the ports (the
public ones become one loopback port, plain HTTP: no certificate), the upstream instances'
ports, and the paths nginx writes to or serves from. The proxying itself is the file's.
"""

import re
from pathlib import Path

SITE = Path(__file__).resolve().parent / "nginx" / "plenary.conf"


def loopback_site(
    site: str, *, port: int, upstream_ports: list[int], scratch: Path, static_root: Path
) -> str:
    site = re.sub(r"(?ms)^server \{\n    listen 80;.*?^\}\n", "", site, count=1)
    site = re.sub(r"(?m)^    listen \[::\]:443.*\n", "", site)
    site = re.sub(r"(?m)^    listen 443 ssl http2;", f"    listen 127.0.0.1:{port};", site)
    site = re.sub(r"(?m)^    ssl_.*\n", "", site)
    servers = "".join(
        f"    server 127.0.0.1:{upstream} max_fails=1 fail_timeout=5s;\n"
        for upstream in upstream_ports
    )
    site = re.sub(r"(?m)(^    server 127\.0\.0\.1:\d+ .*\n)+", servers, site, count=1)
    site = site.replace("/var/log/nginx/", f"{scratch}/")
    site = site.replace("/srv/plenary/staticfiles/", f"{static_root}/")
    site = site.replace("/srv/plenary/media/", f"{scratch}/media/")
    return site


def loopback_config(
    *, port: int, upstream_ports: list[int], scratch: Path, static_root: Path
) -> str:
    """A whole nginx.conf (foreground, one worker, every path in `scratch`) with the site."""
    site = loopback_site(
        SITE.read_text(),
        port=port,
        upstream_ports=upstream_ports,
        scratch=scratch,
        static_root=static_root,
    )
    return f"""worker_processes 1;
pid {scratch}/nginx.pid;
error_log {scratch}/nginx-error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  client_body_temp_path {scratch}/body; proxy_temp_path {scratch}/proxy;
  fastcgi_temp_path {scratch}/fcgi; uwsgi_temp_path {scratch}/uwsgi;
  scgi_temp_path {scratch}/scgi;
{site}
}}
"""
