"""WSGI entry point: ``gunicorn -w 1 --threads 50 wsgi:app``."""

from community import create_app

app = create_app()
