"""The learn library: pages from content/learn/, by topic, to read, print and share."""

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from app import discretion
from app.content import TOPICS
from app.extensions import csrf, limiter
from app.forms.learn import BUNDLE_MAX, BundleForm
from app.security import ip_hash, same_origin_post
from app.services import feedback
from app.sharing import SHORT_PREFIX, qr_svg, short_code

bp = Blueprint("learn", __name__)

RELATED_LIMIT = 3


def library():
    return current_app.extensions["learn_pages"]


def page_or_redirect(slug: str):
    """The page for slug; an old slug redirects for good; anything else is not found."""
    collection = library().collection()
    page = collection.pages.get(slug)
    if page is None:
        if slug in collection.aliases:
            abort(redirect(url_for(request.endpoint, slug=collection.aliases[slug]), 301))
        abort(404)
    return page


def related_pages(page):
    others = [p for p in library().all() if p.slug != page.slug]
    others.sort(key=lambda p: -len(set(p.topics) & set(page.topics)))
    return [p for p in others if set(p.topics) & set(page.topics)][:RELATED_LIMIT]


def public_url(endpoint: str, **values) -> str:
    """An address to print: on SITE_URL, else on the request's host, which Flask has checked
    against TRUSTED_HOSTS (app.config)."""
    base = current_app.config["SITE_URL"]
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


@bp.route("/learn")
def index():
    topic = request.args.get("topic")
    if topic is not None and topic not in TOPICS:
        abort(404)
    pages = library().all()
    if topic:
        groups = [(topic, [p for p in pages if topic in p.topics])]
    else:
        # Each page once, under its first topic, in the order topics are listed.
        groups = [(t, [p for p in pages if p.topics[0] == t]) for t in TOPICS]
    return render_template(
        "learn/index.html", groups=[g for g in groups if g[1]], topic=topic, topics=TOPICS
    )


@bp.route("/learn/<slug>")
def article(slug):
    page = page_or_redirect(slug)
    thanks = request.args.get("helpful") == "thanks"
    response = current_app.make_response(
        render_template(
            "learn/article.html",
            page=page,
            topics=TOPICS,
            related=related_pages(page),
            thanks=thanks,
        )
    )
    response.add_etag()
    response.last_modified = page.modified
    response.cache_control.no_cache = True  # always revalidate: a 304 costs a few bytes
    return response.make_conditional(request)


def short_url(page) -> str:
    return public_url("learn.short_link", code=short_code(page.slug))


def discreet_handout() -> bool:
    """Headed neutrally, with no title or key points: for browsing discreetly, or on request."""
    return discretion.is_on() or request.args.get("discreet") == "1"


@bp.route("/learn/<slug>/share")
def share(slug):
    page = page_or_redirect(slug)
    full_url = public_url("learn.article", slug=page.slug)
    discreet = discreet_handout()
    # The discreet sheet's QR code leads through the short address: no topic in the code either.
    qr_target = short_url(page) if discreet else full_url
    return _revalidated(
        render_template(
            "learn/share.html",
            page=page,
            full_url=full_url,
            short_url=short_url(page),
            discreet_handout=discreet,
            qr=qr_svg(qr_target, f"QR code for {qr_target}"),
        )
    )


def _revalidated(html: str):
    # The addresses depend on the host asked for: kept by no shared cache, always revalidated.
    response = current_app.make_response(html)
    response.add_etag()
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response.make_conditional(request)


@bp.route("/learn/handouts")
def handouts():
    """Pick several pages, then print one sheet: each page's key points, short address and QR."""
    form = BundleForm(request.args)
    pages = library().all()
    form.pages.choices = [(p.slug, p.title) for p in pages]
    if "make" not in request.args or not form.validate():
        return render_template("learn/handouts.html", form=form, bundle_max=BUNDLE_MAX)
    chosen = [p for p in pages if p.slug in form.pages.data]
    sheet = [(p, short_url(p)) for p in chosen]
    return _revalidated(
        render_template(
            "learn/bundle.html",
            sheet=sheet,
            discreet_handout=form.discreet.data or discretion.is_on(),
            qrs={p.slug: qr_svg(url, f"QR code for {url}") for p, url in sheet},
        )
    )


@bp.route(f"/{SHORT_PREFIX}/<code>")
def short_link(code):
    code = code.strip().lower()
    for page in library().all():
        if short_code(page.slug) == code:
            return redirect(url_for("learn.article", slug=page.slug), 301)
    abort(404)


@bp.route("/l/<code>")
def old_short_link(code):
    """Codes printed before the prefix changed keep working."""
    return short_link(code)


@bp.post("/learn/<slug>/helpful")
@csrf.exempt  # anonymous and cookie-free: see same_origin_post
@limiter.limit("30 per hour")
def helpful(slug):
    page = page_or_redirect(slug)
    same_origin_post()
    answer = request.form.get("answer")
    if answer not in ("yes", "no"):
        abort(400)
    # A second answer from the same connection today is thanked the same way, and not counted.
    feedback.record(page.slug, helpful=answer == "yes", voter=ip_hash())
    return redirect(url_for("learn.article", slug=page.slug, helpful="thanks") + "#helpful", 303)
