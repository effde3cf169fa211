"""The forum: categories, threads, posts, accepted answers. Blueprints: ``views.blp`` (pages
under /forum) and ``api.blueprints`` (JSON under /api/forum)."""
