from edo_app.cli import main

raise SystemExit(main())
