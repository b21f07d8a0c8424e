"""End-to-end tests in a real browser (Playwright + Debian's Chromium). Test-only: no models, no URLs."""
