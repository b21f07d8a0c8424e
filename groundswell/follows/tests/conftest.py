from groundswell.api.tests.conftest import _fresh_rate_limits, api, token_for  # noqa: F401
