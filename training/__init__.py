"""The Python side of nerlink's default NER model: data readers (`nerdata`), generated
sentences (`sentences`), base-model fetch/convert/verify, vocabulary trimming, training, ONNX
export and the annotation tool.

A package, run from the repository root: `python -m training.train ...` (what
`training/model.mk` does); the modules import each other relatively, so they do not run as
`python training/train.py`. Tests: `python -m unittest discover -s training -t . -p 'test_*.py'`.
"""
