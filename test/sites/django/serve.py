"""
Starts the Django admin test site on 127.0.0.1 and prints `listening <port> <django version>`.

Run by test/sites/django-admin.ts as `python3 -I -B serve.py <port>` (port 0: the OS picks a free one,
and this line tells which). One process does all of it: the migration, the superuser and the server,
because each further `manage.py` would pay Python's and Django's start-up again.

The server is Django's own development server, threaded, as `runserver --noreload --insecure` runs
it: the admin's CSS comes from the static files handler. The site stops when the process is
signalled, or when its standard input closes, so a test run that dies cannot leave it (or its
database) behind.
"""

import os
import sys
import threading

# Exit status read by django-admin.ts: Django cannot be imported by this Python.
DJANGO_MISSING = 3


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    # `-I` leaves the script's directory off the path; settings.py and urls.py live there.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    os.environ['DJANGO_SETTINGS_MODULE'] = 'settings'
    try:
        import django
    except ImportError:
        print('Django is not installed for ' + sys.executable, file=sys.stderr)
        sys.exit(DJANGO_MISSING)

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    call_command('migrate', verbosity=0, interactive=False)
    get_user_model().objects.create_superuser(
        os.environ['AIRLOCK_DJANGO_USERNAME'],
        os.environ['AIRLOCK_DJANGO_EMAIL'],
        os.environ['AIRLOCK_DJANGO_PASSWORD'],
    )

    server = ThreadedWSGIServer(('127.0.0.1', port), WSGIRequestHandler, ipv6=False)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    print('listening %d %s' % (server.server_address[1], django.get_version()), flush=True)
    server.serve_forever()


def stop_when_stdin_closes():
    sys.stdin.buffer.read()
    # The parent is gone without stopping the site, so nobody else will remove the database. Only
    # SQLite's own files go, and the directory only if that leaves it empty.
    data_dir = os.environ['AIRLOCK_DJANGO_DATA_DIR']
    for name in os.listdir(data_dir):
        if name.startswith('admin.sqlite3'):
            os.remove(os.path.join(data_dir, name))
    try:
        os.rmdir(data_dir)
    except OSError:
        pass
    os._exit(0)


if __name__ == '__main__':
    main()
