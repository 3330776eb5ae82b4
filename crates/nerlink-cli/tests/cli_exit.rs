//! Exit codes and messages of `nerlink extract` on problem inputs: missing paths, a closed
//! stdout (`| head -1`), UTF-16 and legacy-encoded files, conflicting options. Rules only
//! (`--no-model`); all inputs are generated here.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

mod common;
use common::{extract, lines, nerlink};

const NOTE: &str = "Ủy ban nhân dân tỉnh Hà Tĩnh tổ chức hội nghị tổng kết công tác năm.\n";

#[test]
fn only_missing_inputs_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let gone = tmp.path().join("khong-co.txt");
    let out = extract(&[&gone]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no such input") && stderr.contains("khong-co.txt"));
}

#[test]
fn a_missing_input_beside_others_is_a_counted_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("co.txt");
    std::fs::write(&real, NOTE).unwrap();
    let gone = tmp.path().join("khong-co.txt");
    let out = extract(&[&real, &gone]);
    assert!(out.status.success(), "{out:?}");
    let docs = lines(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["errors"][0]["kind"], "io");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 ok, 1 failed"), "{stderr}");
    // and --strict makes it fail
    let out = nerlink()
        .args(["extract", "--no-model", "--strict"])
        .args([&real, &gone])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("many.jsonl");
    let body: String = (0..3000)
        .map(|i| serde_json::json!({"id": i, "text": NOTE}).to_string() + "\n")
        .collect();
    std::fs::write(&input, body).unwrap();
    let mut child = nerlink()
        .args(["extract", "--no-model", "--threads", "1"])
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // the reader goes away, as `head -1` does
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with('{'));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.to_lowercase().contains("broken pipe"), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    // ended by SIGPIPE (13), as `seq 1000000 | head -1` ends seq
    assert_eq!(out.status.signal(), Some(13), "{:?}", out.status);
}

#[test]
fn utf16_and_legacy_files() {
    let tmp = tempfile::tempdir().unwrap();
    let utf16 = tmp.path().join("a-utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(NOTE.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(&utf16, bytes).unwrap();
    let cp1258 = tmp.path().join("b-cp1258.txt");
    // "Sở Nội vụ tỉnh công bố quyết định bổ nhiệm cán bộ." in Windows-1258
    std::fs::write(
        &cp1258,
        b"S\xf5\xd2 N\xf4\xf2i vu\xf2 ti\xd2nh c\xf4ng b\xf4\xec quy\xea\xect \xf0i\xf2nh b\xf4\xd2 nhi\xea\xf2m c\xe1n b\xf4\xf2.",
    )
    .unwrap();
    let out = extract(&[&utf16, &cp1258]);
    let docs = lines(&out);
    assert_eq!(docs[0]["text"], NOTE);
    assert_eq!(docs[0]["errors"].as_array().unwrap().len(), 0);
    assert!(!docs[0]["entities"].as_array().unwrap().is_empty());
    assert_eq!(docs[1]["errors"][0]["kind"], "legacy_encoding");
    let msg = docs[1]["errors"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("Windows-1258") && msg.contains("iconv -f CP1258"),
        "{msg}"
    );
}

#[test]
fn model_and_no_model_conflict() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("x.txt");
    std::fs::write(&f, NOTE).unwrap();
    let out = nerlink()
        .args(["extract", "--no-model", "--model"])
        .arg(tmp.path())
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}
