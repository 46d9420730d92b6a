"""`python -m llmstudy`: the same entry point as the `llmstudy` command."""

from llmstudy.main import main

main()
