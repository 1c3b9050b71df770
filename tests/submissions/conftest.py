"""Fixtures of the submissions tests (files-admin part): the CKAN stand-in, S3 (moto server)."""

import pytest

from .ckan_standin import CkanStandIn


@pytest.fixture(scope="session")
def _ckan_server():
    server = CkanStandIn().start()
    yield server
    server.stop()


@pytest.fixture
def ckan_server(_ckan_server, settings):
    """The stand-in catalogue, reset, with CKAN_BASE_URL pointed at it."""
    _ckan_server.mode = "ok"
    _ckan_server.requests = 0
    _ckan_server.paths = []
    settings.CKAN_BASE_URL = _ckan_server.base_url
    settings.CKAN_TIMEOUT_SECONDS = 0.5
    return _ckan_server
