"""The files in deploy/ are what production runs: each is checked here as its own tool reads it
(nginx -t, gunicorn's settings, systemd's unit syntax, Redis's directives)."""

import configparser
import datetime
import gc
import importlib.util
import subprocess
import sys
import types
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.management import get_commands

DEPLOY = Path(settings.BASE_DIR) / "deploy"
NGINX = "/usr/sbin/nginx"
sys.path.insert(0, str(DEPLOY))

from nginx_loopback import loopback_config  # noqa: E402


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "plenary.example.org")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def nginx_test(config: Path, prefix: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NGINX, "-t", "-c", str(config), "-p", f"{prefix}/"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_production_nginx_site_passes_nginx_t(tmp_path):
    """The site file as an operator installs it; only the paths that need root or a real
    certificate point into a scratch folder."""
    cert, key = self_signed(tmp_path)
    site = (
        (DEPLOY / "nginx" / "plenary.conf")
        .read_text()
        .replace("/etc/letsencrypt/live/plenary.example.org/fullchain.pem", str(cert))
        .replace("/etc/letsencrypt/live/plenary.example.org/privkey.pem", str(key))
        .replace("/var/log/nginx/", f"{tmp_path}/")
    )
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{\ninclude /etc/nginx/mime.types;\nclient_body_temp_path {tmp_path}/b;\n"
        f"proxy_temp_path {tmp_path}/p;\nfastcgi_temp_path {tmp_path}/f;\n"
        f"uwsgi_temp_path {tmp_path}/u;\nscgi_temp_path {tmp_path}/s;\n{site}\n}}\n"
    )

    result = nginx_test(config, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_loopback_stack_of_bench_stack_passes_nginx_t(tmp_path):
    config = tmp_path / "nginx.conf"
    config.write_text(
        loopback_config(
            port=18900, upstream_ports=[18901, 18902], scratch=tmp_path, static_root=tmp_path
        )
    )

    result = nginx_test(config, tmp_path)

    assert result.returncode == 0, result.stderr
    text = config.read_text()
    assert "listen 127.0.0.1:18900;" in text
    assert "server 127.0.0.1:18901" in text
    assert "server 127.0.0.1:18902" in text
    assert "ssl_" not in text
    # The proxying is the production file's.
    assert "proxy_next_upstream error non_idempotent;" in text


def test_nginx_retries_a_post_only_after_a_connection_error_and_masks_link_tokens():
    site = (DEPLOY / "nginx" / "plenary.conf").read_text()

    post_location = site.split("location @plenary_post", 1)[1]
    assert "proxy_next_upstream error non_idempotent;" in post_location
    assert "timeout" not in post_location.split("proxy_next_upstream", 1)[1].split(";")[0]
    assert "proxy_set_header X-Request-ID $request_id;" in site
    assert "client_max_body_size 6m;" in site
    assert '"path": "$plenary_logged_path"' in site


def gunicorn_settings() -> dict:
    spec = importlib.util.spec_from_file_location("gunicorn_conf", DEPLOY / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: value for name, value in vars(module).items() if not name.startswith("_")}


def test_gunicorn_settings_are_all_gunicorn_settings():
    from gunicorn.config import Config

    config = Config()
    for name, value in gunicorn_settings().items():
        if isinstance(value, types.ModuleType):
            continue
        assert name in config.settings, f"{name} is not a gunicorn setting"
        config.set(name, value)  # validates the value as gunicorn does

    assert config.bind == ["127.0.0.1:8001"]
    assert config.worker_class_str == "sync"
    assert config.graceful_timeout < 30  # within systemd's TimeoutStopSec


def test_gunicorn_freezes_the_app_and_collects_young_objects_less_often_before_forking():
    from gunicorn.config import Config

    config = Config()
    config.set("pre_fork", gunicorn_settings()["pre_fork"])
    frozen = gc.get_freeze_count()
    thresholds = gc.get_threshold()
    try:
        config.pre_fork(None, None)
        assert gc.get_freeze_count() > frozen
        # Young objects collected less often than Python's default of every 700.
        assert gc.get_threshold()[0] == 10_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


@pytest.mark.parametrize("unit", sorted(p.name for p in (DEPLOY / "systemd").iterdir()))
def test_systemd_units_are_well_formed_and_run_commands_that_exist(unit):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / unit)

    assert "Unit" in parser
    assert any(section in parser for section in ("Service", "Timer"))
    if "Service" in parser:
        service = parser["Service"]
        assert service["EnvironmentFile"] == "/etc/plenary/env"
        assert service["User"] == "plenary"
        commands = get_commands()
        for line in service["ExecStart"].splitlines():
            words = line.split()
            if "manage.py" in words:
                assert words[words.index("manage.py") + 1] in commands, line


def test_env_example_names_only_settings_plenary_reads():
    read = (Path(settings.BASE_DIR) / "plenary" / "settings.py").read_text()
    read += (DEPLOY / "gunicorn.conf.py").read_text()
    for line in (DEPLOY / "env.example").read_text().splitlines():
        line = line.lstrip("# ")
        if "=" in line and line.split("=")[0].isupper():
            name = line.split("=")[0]
            assert f'"{name}"' in read, f"{name} is read by nothing"


def test_env_example_pre_warms_the_programme_into_the_shared_cache():
    """The production settings share stored pages in Redis, where a pre-warm helps every app
    process: they must also name the site's public address, without which a programme change
    queues no pre-warm (sessions/prewarm.py)."""
    lines = (DEPLOY / "env.example").read_text().splitlines()
    env = dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))

    assert env["CACHE_URL"].startswith("redis://")
    assert env["PROGRAMME_PREWARM_URL"] == f"https://{env['ALLOWED_HOSTS']}"


def test_env_example_loads_in_a_shell_as_the_deployment_guide_loads_it():
    # docs/deployment.md runs `manage.py migrate` and `collectstatic` after
    # `set -a; . /etc/plenary/env; set +a`: an unquoted `<…>` stopped the file there, and
    # STATIC_ROOT and everything after it were silently left unset.
    assignments = [
        line.split("=", 1)
        for line in (DEPLOY / "env.example").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    script = "set -a; . ./env.example; set +a; " + "; ".join(
        f'printf "%s\\0" "${name}"' for name, _value in assignments
    )

    loaded = subprocess.run(
        ["bash", "-c", script], cwd=DEPLOY, capture_output=True, text=True, check=True
    )

    assert loaded.stderr == ""
    # As systemd's EnvironmentFile reads them: the value, without its quotes.
    assert loaded.stdout.split("\0")[:-1] == [value.strip('"') for _name, value in assignments]


@pytest.mark.parametrize("name", ["plenary-cache.conf", "plenary-counters.conf"])
def test_redis_configs_keep_to_loopback_and_never_evict_counters(name):
    directives = dict(
        line.split(None, 1)
        for line in (DEPLOY / "redis" / name).read_text().splitlines()
        if line and not line.startswith("#")
    )

    assert directives["bind"] == "127.0.0.1 ::1"
    assert directives["protected-mode"] == "yes"
    expected = "noeviction" if "counters" in name else "allkeys-lru"
    assert directives["maxmemory-policy"] == expected


def test_cache_url_redis_works_from_a_plain_install():
    """The README's CACHE_URL=redis://…: Django's RedisCache with the redis package (and
    hiredis as its parser), both in requirements/production.txt."""
    code = (
        "from django.conf import settings; from django.core.cache import caches; "
        "import redis.utils; "
        "print(settings.CACHES['default']['BACKEND']); "
        "print(settings.CACHES['ratelimit']['KEY_PREFIX']); "
        "print(type(caches['default']).__name__, redis.utils.HIREDIS_AVAILABLE)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "false",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "plenary.example.org",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    backend, prefix, instance = result.stdout.split("\n")[-4:-1]
    assert backend == "django.core.cache.backends.redis.RedisCache"
    assert prefix == "ratelimit"
    assert instance == "RedisCache True"
    requirements = (Path(settings.BASE_DIR) / "requirements" / "production.txt").read_text()
    assert "\nredis[hiredis]==" in requirements
    assert "\nhiredis==" in requirements


def unit_service(unit: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / unit)
    return parser["Service"]


@pytest.mark.parametrize("unit", ["plenary-worker.service", "plenary-mailer.service"])
def test_background_work_gives_the_app_instances_the_cpu_first(unit):
    """A burst of registrations is answered first, its e-mails sent after it
    (docs/deployment.md, "Priorities"); bench/stack.py starts them at the same Nice."""
    web = unit_service("plenary-web@.service")
    background = unit_service(unit)

    assert int(background["CPUWeight"]) < int(web.get("CPUWeight", "100"))
    assert int(background["Nice"]) > int(web.get("Nice", "0"))


def test_nginx_sends_each_request_to_the_instance_with_fewer_in_hand():
    """Requests differ in cost; in turn, a costlier kind can pile up at one instance while the
    other idles (docs/performance.md, "Least connections")."""
    site = (DEPLOY / "nginx" / "plenary.conf").read_text()
    upstream = site.split("upstream plenary_app {", 1)[1].split("}", 1)[0]
    directives = [line.strip() for line in upstream.splitlines() if line.strip()[:1].isalpha()]

    assert directives[0] == "least_conn;"
    assert directives[-1].startswith("keepalive ")
