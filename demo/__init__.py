"""Demo and benchmark data: the reference meeting, synthetic scale data, a demo organiser."""

# Where `make run` serves the site; the demo commands print links to it.
DEV_SERVER_URL = "http://127.0.0.1:8000"
