from eurasec_archive.cli import main

main()
