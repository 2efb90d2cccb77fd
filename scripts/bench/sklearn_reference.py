#!/usr/bin/env python3
"""The clustering a data scientist would write instead of misfire, as the benchmark's reference.

scikit-learn: TfidfVectorizer(ngram_range=(1, 2)) -> TruncatedSVD(100) -> Normalizer -> MiniBatchKMeans(k),
the LSA document-clustering recipe from scikit-learn's own examples, run on the same generated data as
misfire (the first user message of each conversation, the text misfire's offline summary is made from).
Prints one JSON object: ARI against the generator's `topic` field and the wall time of the clustering
(vectorise + SVD + k-means; reading the file is timed separately).

usage: sklearn_reference.py CONVERSATIONS_JSONL [--k K] [--seed SEED] [--no-normalize]
Exits 3 with {"skipped": "..."} when scikit-learn is not importable.
"""
import argparse
import json
import sys
import time


def first_user_text(row):
    if "messages" in row:
        for m in row["messages"]:
            if m.get("role") == "user":
                return m.get("content", "")
        return row["messages"][0].get("content", "") if row["messages"] else ""
    return row.get("text", "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("conversations")
    parser.add_argument("--k", type=int, default=0, help="clusters (default: number of distinct topics)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-normalize", action="store_true", help="skip the Normalizer after the SVD")
    args = parser.parse_args()
    try:
        import numpy as np  # noqa: F401
        import sklearn
        from sklearn.cluster import MiniBatchKMeans
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.metrics import adjusted_rand_score
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import Normalizer
    except ImportError:
        print(json.dumps({"skipped": "scikit-learn not installed"}))
        sys.exit(3)

    started = time.perf_counter()
    texts, topics = [], []
    with open(args.conversations, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            texts.append(first_user_text(row))
            topics.append(row.get("topic"))
    read_s = time.perf_counter() - started
    k = args.k or len(set(topics))

    started = time.perf_counter()
    steps = [TfidfVectorizer(ngram_range=(1, 2)), TruncatedSVD(n_components=100, random_state=args.seed)]
    if not args.no_normalize:
        steps.append(Normalizer(copy=False))
    x = make_pipeline(*steps).fit_transform(texts)
    embed_s = time.perf_counter() - started
    started = time.perf_counter()
    labels = MiniBatchKMeans(n_clusters=k, random_state=args.seed, n_init="auto").fit_predict(x)
    cluster_s = time.perf_counter() - started
    print(json.dumps({
        "sklearn": sklearn.__version__,
        "n": len(texts),
        "k": k,
        "normalize": not args.no_normalize,
        "ari": round(float(adjusted_rand_score(topics, labels)), 4),
        "read_s": round(read_s, 3),
        "embed_s": round(embed_s, 3),
        "cluster_s": round(cluster_s, 3),
        "seconds": round(embed_s + cluster_s, 3),
    }))


if __name__ == "__main__":
    main()
