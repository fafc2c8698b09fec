"""Make sure the golden scripts run on the Debian reference interpreter.

The golden files must come from the exact Debian bookworm packages glance
users run (python3-glanceclient 4.1.0, python3-prettytable 3.6.0,
python3-wcwidth 0.2.5).  A `python3` found first on PATH (pyenv, venv) may
lack them or carry other versions, so re-run the calling script under
/usr/bin/python3 when that is the case, and refuse to run on anything else.
"""
import os
import sys

DEBIAN_PYTHON = '/usr/bin/python3'
EXPECTED_VERSIONS = {
    'python-glanceclient': '4.1.0',
    'prettytable': '3.6.0',
    'wcwidth': '0.2.5',
}


def _installed_versions():
    from importlib import metadata
    found = {}
    for dist in EXPECTED_VERSIONS:
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = None
    return found


def ensure_reference_python():
    # wcwidth picks its table by $UNICODE_VERSION; the CLI never sets it.
    os.environ.pop('UNICODE_VERSION', None)
    found = _installed_versions()
    if found == EXPECTED_VERSIONS:
        return
    if sys.executable != DEBIAN_PYTHON and os.path.exists(DEBIAN_PYTHON):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
    sys.exit('need %s, found %s (install python3-glanceclient, '
             'python3-prettytable, python3-wcwidth from Debian bookworm)'
             % (EXPECTED_VERSIONS, found))
