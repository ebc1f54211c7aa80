import { Testing } from "cdktf";
// Brings the global jest matcher types (toHaveResourceWithProperties, ...) into scope.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
