"""A tour of the Python API on a sample article (docs/api.md runs it and shows its output)."""

from summarize import analyze, extract_topics, split_sentences, summarize
from summarize.ingest.articles import load_article_file, sample_article_paths

path = next(p for p in sample_article_paths() if p.name == "seed-kazakhstan-un.txt")
article = load_article_file(path)
text = article.body

summary = summarize(text, sentences=2)  # the "news" method, language detected
print(summary.method, summary.language, summary.indices, "of", summary.input_sentences)
for s in summary.sentences:
    assert s.text == text[s.start:s.end]
    print(f"#{s.index} {s.score:.2f} [{s.start}:{s.end}] {s.text[:50]}...")
    print("   ", {name: round(value, 2) for name, value in s.parts.items()})

print(summarize(text, method="lexrank", ratio="20%").indices)
print(len(split_sentences(text)), [t.label for t in extract_topics(text, limit=5)])

analysis = analyze(text)  # split once, then summarize and extract topics from it
topics = extract_topics(analysis, limit=3, title=article.title)
print(summarize(analysis, words=60).indices, [(t.label, t.count) for t in topics])
print(summary.to_dict()["sizes"])

from summarize import EmptyInputError, NewsdeskError, UsageError

for call in (lambda: summarize(text, method="textrnk"), lambda: summarize("  \n")):
    try:
        call()
    except (UsageError, EmptyInputError) as e:
        assert isinstance(e, NewsdeskError)
        print(type(e).__name__, e.exit_code, e)
