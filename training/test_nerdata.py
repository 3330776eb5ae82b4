"""Unit tests for nerdata.py (readers, alignment, decoding, F1) and the generator.

Run from the repo root: .venv-training/bin/python -m unittest discover -s training -t . -p 'test_*.py'
Uses the tiny fixture tokenizer (tests/fixtures/tiny-ner/tokenizer.json); needs `tokenizers`.
"""
import json
import tempfile
import unittest
from pathlib import Path

from . import nerdata, sentences

HERE = Path(__file__).resolve().parent

TOKENIZER = HERE.parent / "tests" / "fixtures" / "tiny-ner" / "tokenizer.json"


class NerDataTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from tokenizers import Tokenizer
        cls.tok = Tokenizer.from_file(str(TOKENIZER))
        cls.cls_id, cls.sep_id = cls.tok.token_to_id("<s>"), cls.tok.token_to_id("</s>")

    def test_conll_reader(self):
        with tempfile.NamedTemporaryFile("w", suffix=".conll", delete=False, encoding="utf-8") as fh:
            fh.write("-DOCSTART-\tO\n\nÔng\tO\nLê\tB-PER\nAn\tI-PER\ntại\tO\nHà\tI-LOC\nNội\tI-LOC\n\n"
                     "Bộ\tB-ORG\nY\tI-ORG\ntế\tI-ORG\n")
        exs = nerdata.read_any(fh.name)
        self.assertEqual(len(exs), 2)
        t = exs[0]["text"]
        self.assertEqual(t, "Ông Lê An tại Hà Nội")
        got = [(t[s["start"]:s["end"]], s["label"]) for s in exs[0]["spans"]]
        self.assertEqual(got, [("Lê An", "PER"), ("Hà Nội", "LOC")])  # I- without B- starts one
        self.assertEqual(exs[1]["spans"], [{"start": 0, "end": 7, "label": "ORG"}])

    def test_jsonl_reader_filters_labels(self):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
            fh.write(json.dumps({"text": "Chủ tịch Lê An", "entities": [
                {"start": 0, "end": 8, "label": "ROLE"}, {"start": 9, "end": 14, "label": "PER"}]}) + "\n")
            fh.write(json.dumps({"errors": [{"kind": "decode"}]}) + "\n")
        exs = nerdata.read_any(fh.name)
        self.assertEqual(len(exs), 1)
        self.assertEqual(exs[0]["spans"], [{"start": 9, "end": 14, "label": "PER"}])

    def test_align_decode_roundtrip(self):
        """Gold spans -> token labels -> decoded spans gives back the gold spans."""
        n = 0
        for text, spans in sentences.generate(200, seed=3):
            ex = {"text": text, "spans": spans}
            for ids, labels, ranges in nerdata.align_example(ex, self.tok, 512, self.cls_id, self.sep_id):
                self.assertEqual(ids[0], self.cls_id)
                self.assertEqual(ids[-1], self.sep_id)
                self.assertEqual(labels[0], -100)
                dec = nerdata.decode_spans([0 if l < 0 else l for l in labels], ranges)
                self.assertEqual(dec, nerdata.gold_set(ex), text)
                n += 1
        self.assertEqual(n, 200)

    def test_windows(self):
        ex = {"text": " ".join(["Hà Nội"] * 100), "spans": []}
        ws = nerdata.align_example(ex, self.tok, 16, self.cls_id, self.sep_id)
        self.assertGreater(len(ws), 1)
        self.assertTrue(all(len(w[0]) <= 16 for w in ws))
        self.assertEqual(sum(len(w[0]) - 2 for w in ws), len(self.tok.encode(ex["text"], add_special_tokens=False).ids))

    def test_f1(self):
        g = [{(0, 5, "PER"), (10, 15, "LOC")}]
        p = [{(0, 5, "PER"), (10, 14, "LOC")}]
        r = nerdata.span_prf(g, p)
        self.assertAlmostEqual(r["f1"], 0.5)
        self.assertEqual(r["per_type_f1"]["PER"], 1.0)


if __name__ == "__main__":
    unittest.main()
