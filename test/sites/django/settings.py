"""
Settings of the Django admin test site: the admin and the apps it needs, nothing else.

Everything that makes a sign-in real stays at Django's defaults: the middleware list is the one
`django-admin startproject` writes (CSRF token, session cookie, clickjacking header), and passwords
use the default hasher. serve.py sets the AIRLOCK_DJANGO_* variables for each start.
"""

import os

SECRET_KEY = os.environ['AIRLOCK_DJANGO_SECRET_KEY']
# Off, as in production: no debug pages, and a refused CSRF check is the plain 403 a real site gives.
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost']

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

ROOT_URLCONF = 'urls'

TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': [],
        'APP_DIRS': True,
        'OPTIONS': {
            'context_processors': [
                'django.template.context_processors.debug',
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
                'django.contrib.messages.context_processors.messages',
            ],
        },
    },
]

# One database per start, in a temporary directory the caller removes.
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': os.path.join(os.environ['AIRLOCK_DJANGO_DATA_DIR'], 'admin.sqlite3'),
    },
}

# Browsers do not separate cookies by port (RFC 6265 §8.5): every local test site on 127.0.0.1 sees
# the others' cookies, so this one names its own instead of the generic `sessionid` and `csrftoken`.
SESSION_COOKIE_NAME = 'django_admin_session'
CSRF_COOKIE_NAME = 'django_admin_csrftoken'

LANGUAGE_CODE = 'en-us'
TIME_ZONE = 'UTC'
USE_I18N = True
USE_TZ = True

STATIC_URL = '/static/'
DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'
