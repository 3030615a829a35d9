"""Demo and benchmark data: the reference meeting, synthetic scale data, a demo organiser."""
