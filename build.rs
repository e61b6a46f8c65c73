fn main() {
    // The default theme is embedded with include_dir!, which cannot tell cargo
    // to rebuild when a theme file changes; this does.
    println!("cargo:rerun-if-changed=themes/default");
}
