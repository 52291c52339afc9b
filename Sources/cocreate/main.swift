import CoCreateCLI

await CoCreateCommand.runFromCommandLine()
