"""Settings for `make demo`: the development settings as a visitor sees production.

Debug pages are off, so visitors get the French error pages, and whitenoise serves the static
files straight from the apps. Only this module and `dev` let `seed_demo` create known passwords.
"""

import os

os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")

from .dev import *  # noqa: E402,F403

DEBUG = False
JOBCLUSTER_DEMO = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
