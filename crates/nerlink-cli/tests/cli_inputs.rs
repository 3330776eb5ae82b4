//! How `nerlink extract` walks its inputs and reports problems with them: symlink loops,
//! files reached twice, repeated ids, unreadable directories. Rules only (`--no-model`); all
//! inputs are generated here.

use serde_json::Value;

mod common;
use common::{extract, lines};

fn error_kinds(doc: &Value) -> Vec<String> {
    doc["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["kind"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn note(i: usize) -> String {
    format!("Sở Nội vụ tỉnh Quảng Trị họp giao ban tháng {i}.\n")
}

#[cfg(unix)]
#[test]
fn symlink_loops_give_one_record_each_and_every_file_once() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    std::fs::create_dir_all(root.join("a/deep")).unwrap();
    std::fs::create_dir_all(root.join("b")).unwrap();
    std::fs::write(root.join("first.txt"), note(1)).unwrap();
    std::fs::write(root.join("a/deep/second.txt"), note(2)).unwrap();
    std::fs::write(root.join("b/third.txt"), note(3)).unwrap();
    // two loops (each would multiply the walk) and a link to a sibling folder
    symlink("..", root.join("a/deep/up")).unwrap();
    symlink("../..", root.join("b/top")).unwrap();
    symlink("../b", root.join("a/side")).unwrap();
    // a file after the loops, in sort order, and a link to it
    std::fs::write(root.join("zz-last.txt"), note(4)).unwrap();
    symlink("zz-last.txt", root.join("alias.txt")).unwrap();
    // an outside folder linked twice
    std::fs::create_dir_all(tmp.path().join("outside")).unwrap();
    std::fs::write(tmp.path().join("outside/ext.txt"), note(5)).unwrap();
    symlink("../outside", root.join("ext")).unwrap();
    symlink("../outside", root.join("ext2")).unwrap();

    let out = extract(&[&root]);
    assert!(out.status.success(), "{out:?}");
    let docs = lines(&out);
    let ok: Vec<&str> = docs
        .iter()
        .filter(|d| d["errors"].as_array().is_some_and(|a| a.is_empty()))
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let mut sorted = ok.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["ext", "first", "second", "third", "zz-last"],
        "{docs:?}"
    );
    let loops: Vec<&str> = docs
        .iter()
        .filter(|d| error_kinds(d) == ["symlink_loop"])
        .map(|d| d["source"].as_str().unwrap())
        .collect();
    assert_eq!(loops.len(), 2, "{docs:?}");
    assert!(loops.iter().any(|s| s.ends_with("a/deep/up")));
    assert!(loops.iter().any(|s| s.ends_with("b/top")));
    assert_eq!(docs.len(), 7, "five files and two loops, nothing else");
    let third = docs.iter().find(|d| d["id"] == "third").unwrap();
    assert!(third["source"].as_str().unwrap().ends_with("b/third.txt"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("alias.txt: it links to"), "{stderr}");
    assert!(
        stderr.contains("not following") && stderr.contains("a/side"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ext2: the directory it links to was already read"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_given_twice_is_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("mot.txt");
    std::fs::write(&f, note(1)).unwrap();
    std::fs::hard_link(&f, tmp.path().join("hai.txt")).unwrap();
    let out = extract(&[tmp.path(), &f]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(lines(&out).len(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("already read under another path"),
        "{stderr}"
    );
}

#[test]
fn repeated_ids_are_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("2023")).unwrap();
    std::fs::create_dir_all(d.join("2024")).unwrap();
    std::fs::write(d.join("2023/tin-1.txt"), note(1)).unwrap();
    std::fs::write(d.join("2024/tin-1.txt"), note(2)).unwrap();
    let jsonl = d.join("more.jsonl");
    let line = |id: &str, i: usize| serde_json::json!({"id": id, "text": note(i)}).to_string();
    std::fs::write(&jsonl, format!("{}\n{}\n", line("x9", 3), line("x9", 4))).unwrap();

    let out = extract(&[&d.join("2023"), &d.join("2024"), &jsonl]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        lines(&out).len(),
        4,
        "documents with a repeated id are kept"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("id \"tin-1\"") && stderr.contains("2024/tin-1.txt"),
        "{stderr}"
    );
    assert!(stderr.contains("id \"x9\""), "{stderr}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_directory_is_an_error_record() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("in");
    let locked = root.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::write(root.join("open.txt"), note(1)).unwrap();
    std::fs::write(locked.join("hidden.txt"), note(2)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        // root reads any directory: nothing to test here
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user can list a mode-000 directory");
        return;
    }
    let out = extract(&[&root]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let docs = lines(&out);
    let rec = docs
        .iter()
        .find(|d| d["source"].as_str().is_some_and(|s| s.ends_with("locked")))
        .expect("an error record for the directory");
    assert_eq!(error_kinds(rec), ["io"]);
    assert!(rec["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("cannot list directory"));
}
