"""A real password hasher that counts its work, for tests that prove a lockout refuses a
log-in before any password is hashed."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, for tests only) that counts every hash it computes: checking a password,
    and the dummy hash Django computes for an unknown username, both go through encode()."""

    algorithm = "counting_md5"
    hashes = 0

    def encode(self, password, salt):
        CountingHasher.hashes += 1
        return super().encode(password, salt)
