// THIS FILE IS DEPRECATED
// Users should instead use the corresponding proto in the xds tree.
// No new changes will be accepted here.
import { extDesc, fileDesc, messageDesc } from "@bufbuild/protobuf/codegenv2";
import { file_udpa_annotations_status } from "./status_pb.js";
import { file_google_protobuf_descriptor } from "@bufbuild/protobuf/wkt";
/**
 * Describes the file udpa/annotations/security.proto.
 */
export const file_udpa_annotations_security = /*@__PURE__*/ fileDesc("Ch91ZHBhL2Fubm90YXRpb25zL3NlY3VyaXR5LnByb3RvEhB1ZHBhLmFubm90YXRpb25zIm8KF0ZpZWxkU2VjdXJpdHlBbm5vdGF0aW9uEioKImNvbmZpZ3VyZV9mb3JfdW50cnVzdGVkX2Rvd25zdHJlYW0YASABKAgSKAogY29uZmlndXJlX2Zvcl91bnRydXN0ZWRfdXBzdHJlYW0YAiABKAg6ZwoIc2VjdXJpdHkSHS5nb29nbGUucHJvdG9idWYuRmllbGRPcHRpb25zGLHypgUgASgLMikudWRwYS5hbm5vdGF0aW9ucy5GaWVsZFNlY3VyaXR5QW5ub3RhdGlvblIIc2VjdXJpdHlCLFoiZ2l0aHViLmNvbS9jbmNmL3hkcy9nby9hbm5vdGF0aW9uc7qAyNEGAggBYgZwcm90bzM", [file_udpa_annotations_status, file_google_protobuf_descriptor]);
/**
 * Describes the message udpa.annotations.FieldSecurityAnnotation.
 * Use `create(FieldSecurityAnnotationSchema)` to create a new message.
 */
export const FieldSecurityAnnotationSchema = /*@__PURE__*/ messageDesc(file_udpa_annotations_security, 0);
/**
 * Magic number is the 28 most significant bits in the sha256sum of
 * "udpa.annotations.security".
 *
 * @generated from extension: udpa.annotations.FieldSecurityAnnotation security = 11122993;
 */
export const security = /*@__PURE__*/ extDesc(file_udpa_annotations_security, 0);
//# sourceMappingURL=security_pb.js.map