//! Benchmark of the fleet core: discovery on the demo fleet and a generated large fleet,
//! rediscovery after a one-file edit with a warm cache (what the studio does after every
//! toggle flip), and one toggle edit on a long host file. Plain `main`, medians of
//! repeated runs.

use std::time::{Duration, Instant};

use shared::files::FileSet;
use shared::fleet::{
    DiscoveryCache, SetRequest, ToggleValue, discover, discover_cached, set_toggles,
};
use shared::generate::fleet::{GeneratedFleet, generate};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(work());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn demo_fleet() -> FileSet {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/demo-fleet");
    let mut files = FileSet::new();
    let mut pending = vec![root.clone()];
    while let Some(directory) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(content) = std::fs::read_to_string(&path) {
                let relative =
                    path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                files.insert(&relative, content).unwrap();
            }
        }
    }
    files
}

fn lines(files: &FileSet) -> usize {
    files.iter().map(|(_, content)| content.lines().count()).sum()
}

fn main() {
    let demo = demo_fleet();
    let demo_time = time(30, || discover(&demo));
    println!("discover demo fleet ({} files, {} lines): {demo_time:.2?}", demo.len(), lines(&demo));

    let GeneratedFleet { files, edit_host, edit_option } = generate(42);
    let parse_time = time(10, || {
        files.iter().map(|(_, content)| rnix::Root::parse(content).errors().len()).sum::<usize>()
    });
    let bytes: usize = files.iter().map(|(_, content)| content.len()).sum();
    println!("parse only, generated fleet ({} KB): {parse_time:.2?}", bytes / 1024);
    let large_time = time(10, || discover(&files));
    println!(
        "discover generated fleet ({} files, {} lines): {large_time:.2?}",
        files.len(),
        lines(&files)
    );

    let fleet = discover(&files);
    let host = fleet.host(&edit_host).expect("the generated edit host exists");
    let entry_lines = files.get(&host.entry).map_or(0, |text| text.lines().count());
    let current = host.values.get(&edit_option).map(|set| set.value.clone());
    let value = ToggleValue::Bool(current != Some(shared::fleet::Value::Bool(true)));
    let request = [SetRequest { option: edit_option.clone(), value }];
    let edit_time = time(200, || set_toggles(&files, &fleet, &edit_host, &request).unwrap());
    println!("set {edit_option} on {edit_host} ({entry_lines}-line host file): {edit_time:.2?}");

    // The studio's fleet after a flip: the commit plus the edited host file, sharing every
    // other file's content. Alternating between the two versions makes each run see one
    // changed file, as flipping a toggle on and off does.
    let change = set_toggles(&files, &fleet, &edit_host, &request).unwrap();
    let mut edited = files.clone();
    for (path, content) in &change.files {
        edited.insert(path, content.as_str()).unwrap();
    }
    let mut cache = DiscoveryCache::new();
    discover_cached(&files, &mut cache);
    let mut flipped = false;
    let rediscover_time = time(20, || {
        flipped = !flipped;
        discover_cached(if flipped { &edited } else { &files }, &mut cache)
    });
    println!(
        "rediscover generated fleet after a one-file edit (warm cache): {rediscover_time:.2?}"
    );
}
