from recordright.cli import main

raise SystemExit(main())
