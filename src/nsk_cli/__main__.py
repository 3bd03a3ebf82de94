from nsk_cli.cli import main

main()
