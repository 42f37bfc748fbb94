"""Write the bundled sample articles as evaluation data (docs/evaluation.md), to stdout.

    python docs/examples/eval_data.py summaries    # reference: the headline, one line
    python docs/examples/eval_data.py keyphrases   # gold phrases: the article's tags

A small, honest stand-in to try `newsdesk eval` on: a headline is a rough one-sentence summary
and tags are rough keyphrases. Real figures come from the public datasets (docs/evaluation.md).
"""

import json
import sys

from summarize import split_sentences
from summarize.ingest.articles import load_article_file, sample_article_paths

task = sys.argv[1]
for path in sample_article_paths():
    article = load_article_file(path)
    if article.language != "en" or not article.tags:
        continue
    row = {
        "id": path.stem,
        "source": "samples",
        "text": "\n".join(s.text for s in split_sentences(article.body, "en")),
    }
    if task == "summaries":
        row["reference"] = article.title
    else:
        row["keyphrases"] = list(article.tags)
    print(json.dumps(row, ensure_ascii=False))
