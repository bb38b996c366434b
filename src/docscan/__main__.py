"""`python -m docscan`: the same entry point as the console script."""

from docscan.cli import main

if __name__ == "__main__":
    main()
