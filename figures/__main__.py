"""`python -m figures`: the same command as `figures`."""

from figures.cli import main

if __name__ == "__main__":
    main(prog_name="figures")
