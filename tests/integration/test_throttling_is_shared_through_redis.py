"""With REDIS_URL set, sign-in throttling is counted in Redis, so every
worker (here: two separate app instances) sees the same count. Runs against
the real Redis named by REDIS_URL; .ci/run sets it and REQUIRE_REDIS=1."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import redis
from flask import Flask

from portal import create_app
from tests.conftest import form_post
from tests.factories import TEST_PASSWORD
from tests.integration.conftest import People

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("REQUIRE_REDIS=1 but REDIS_URL is not set")
        pytest.skip("REDIS_URL is not set; .ci/run runs this against a real Redis")
    return url


def _worker(database_url: str, redis_url: str, prefix: str, tmp_path: Path) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key-not-for-real-use",
            "INSTANCE_DIR": str(tmp_path),
            "RATELIMIT_STORAGE_URI": redis_url,
            "RATELIMIT_KEY_PREFIX": prefix,
        }
    )


def test_two_workers_share_one_sign_in_throttle(
    people: People, database_url: str, redis_url: str, tmp_path: Path
):
    prefix = f"portal-test-{uuid.uuid4().hex}"
    first = _worker(database_url, redis_url, prefix, tmp_path).test_client()
    second = _worker(database_url, redis_url, prefix, tmp_path).test_client()
    for client in (first, second, first, second, first):
        wrong = {"email": people.person_a, "password": "not the password"}
        assert form_post(client, "/sign-in", wrong).status_code == 422
    right = {"email": people.person_a, "password": TEST_PASSWORD}
    assert form_post(second, "/sign-in", right).status_code == 429
    assert form_post(first, "/sign-in", right).status_code == 429
    # The counts really are in Redis (not in this process's memory).
    server = redis.Redis.from_url(redis_url)
    stored = server.keys(f"*{prefix}*")
    assert stored, "no throttle counters found in Redis"
    server.delete(*stored)
