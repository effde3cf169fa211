from __future__ import annotations

from flask import Blueprint, render_template

from community.labs import services as labs

blp = Blueprint("site", __name__)


@blp.get("/")
def home():
    return render_template(
        "site/home.html", regions=labs.regions_with_lab_counts(), stats=labs.programme_stats()
    )
