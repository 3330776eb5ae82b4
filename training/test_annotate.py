"""Unit tests for annotate.py: tag parsing, stand-off import and materialization (made-up text)."""
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from . import annotate

HERE = Path(__file__).resolve().parent


class ParseTaggedTest(unittest.TestCase):
    def test_spans_are_offsets_into_the_plain_text(self):
        text, spans = annotate.parse_tagged("Ông <PER>Lê Văn Tám</PER> về <LOC>tỉnh Hà Giang</LOC>.")
        self.assertEqual(text, "Ông Lê Văn Tám về tỉnh Hà Giang.")
        self.assertEqual([(text[s:e], lab) for s, e, lab in spans],
                         [("Lê Văn Tám", "PER"), ("tỉnh Hà Giang", "LOC")])

    def test_untagged_sentence_has_no_spans(self):
        self.assertEqual(annotate.parse_tagged("Trời mưa."), ("Trời mưa.", []))

    def test_malformed_tags_are_errors(self):
        for bad in ["<PER>An <LOC>Huế</LOC></PER>", "<PER>An", "An</PER>", "<ORG></ORG>",
                    "<PER>An</LOC>", "<PER> An</PER>"]:
            with self.assertRaises(ValueError, msg=bad):
                annotate.parse_tagged(bad)


class SplitSentencesTest(unittest.TestCase):
    def test_lines_and_sentence_ends(self):
        text = "Tiêu đề bài\nCâu một ở Huế. Câu hai ở Vinh!\n\nCâu ba"
        got = [text[s:e] for s, e in annotate.split_sentences(text)]
        self.assertEqual(got, ["Tiêu đề bài", "Câu một ở Huế.", "Câu hai ở Vinh!", "Câu ba"])


class RoundTripTest(unittest.TestCase):
    def test_import_then_materialize_gives_back_text_and_spans(self):
        article = "Sáng nay, bà Trần Thu Hà đến Đà Lạt. Bà làm việc với Sở Du lịch tỉnh Lâm Đồng."
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            corpus = tmp / "corpus.jsonl"
            corpus.write_text(json.dumps({"id": "a1", "text": article}, ensure_ascii=False) + "\n",
                              encoding="utf-8")
            start = article.index("Bà làm")
            sent = article[start:]
            tagged = sent.replace("Sở Du lịch tỉnh Lâm Đồng", "<ORG>Sở Du lịch tỉnh Lâm Đồng</ORG>")
            ann = tmp / "batch.ann"
            ann.write_text(f"a1@{start}-{len(article)}\t{tagged}\n"
                           f"a1@0-5\tchanged text\n", encoding="utf-8")
            standoff, out = tmp / "train.jsonl", tmp / "out.jsonl"
            run = [sys.executable, "-m", "training.annotate"]
            r = subprocess.run(run + ["import", "--corpus", str(corpus), "--out", str(standoff), str(ann)],
                               cwd=HERE.parent, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("1 rejected", r.stdout)
            stored = standoff.read_text(encoding="utf-8")
            self.assertNotIn("Lâm Đồng", stored, "stand-off records must not hold corpus text")
            r = subprocess.run(run + ["materialize", "--corpus", str(corpus), "--out", str(out), str(standoff)],
                               cwd=HERE.parent, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            rec = json.loads(out.read_text(encoding="utf-8"))
            self.assertEqual(rec["text"], sent)
            self.assertEqual([(sent[s["start"]:s["end"]], s["label"]) for s in rec["spans"]],
                             [("Sở Du lịch tỉnh Lâm Đồng", "ORG")])


if __name__ == "__main__":
    unittest.main()
