import ChokepointCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

Console.standard.protectStandardStreams()
exit(await Chokepoint.run(arguments: Array(CommandLine.arguments.dropFirst())))
