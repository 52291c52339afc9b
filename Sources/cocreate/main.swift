import CoCreateCLI
await CoCreateCommand.main()
