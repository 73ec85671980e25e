"""A tiny static site generator: content/*.txt (title line, blank line, paragraphs) -> public/."""

import argparse
import html
import shutil
from pathlib import Path


def render(template: str, title: str, body: str, nav: str) -> str:
    return template.replace("{{title}}", html.escape(title)).replace("{{body}}", body).replace("{{nav}}", nav)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="public")
    args = parser.parse_args()
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    (out / "posts").mkdir(parents=True)
    template = Path("theme/page.html").read_text()
    posts = []
    for src in sorted(Path("content").glob("*.txt")):
        title, _, rest = src.read_text().partition("\n\n")
        paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in rest.split("\n\n") if p.strip())
        posts.append((src.stem, title.strip(), paragraphs))
    nav = "".join(f'<a href="/posts/{slug}.html">{html.escape(t)}</a> ' for slug, t, _ in posts)
    for slug, title, body in posts:
        (out / "posts" / f"{slug}.html").write_text(render(template, title, f"<h1>{html.escape(title)}</h1>\n{body}", nav))
    listing = "<ul>\n" + "".join(f'<li><a href="/posts/{s}.html">{html.escape(t)}</a></li>\n' for s, t, _ in posts) + "</ul>\n"
    (out / "index.html").write_text(render(template, "Field notes", f"<h1>Field notes</h1>\n{listing}", nav))
    shutil.copytree("theme/css", out / "css")
    print(f"built {len(posts)} posts into {out}/")


if __name__ == "__main__":
    main()
